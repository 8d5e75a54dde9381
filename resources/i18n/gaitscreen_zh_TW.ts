<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>JobStatus</source>
        <comment>{s} s left</comment>
        <translation>剩餘 {s} s</translation>
    </message>
    <message>
        <source>JobStatus</source>
        <comment>{m} min {s} s left</comment>
        <translation>剩餘 {m} min {s} s</translation>
    </message>
    <message>
        <source>JobStatus</source>
        <comment>{h} h {m} min left</comment>
        <translation>剩餘 {h} h {m} min</translation>
    </message>
    <message>
        <source>StudySession</source>
        <comment>No study open</comment>
        <translation>未開啟研究</translation>
    </message>
    <message>
        <source>StudySession</source>
        <comment>{study} — GaitScreen</comment>
        <translation>{study} — GaitScreen</translation>
    </message>
    <message>
        <source>StudySession</source>
        <comment>Study: {folder}</comment>
        <translation>研究：{folder}</translation>
    </message>
    <message>
        <source>StudySession</source>
        <comment>{study} — GaitScreen [{notice}]</comment>
        <translation>{study} — GaitScreen [{notice}]</translation>
    </message>
    <message>
        <source>StudySession</source>
        <comment>Study: {folder}  ·  {notice}</comment>
        <translation>研究：{folder}  ·  {notice}</translation>
    </message>
</context>
<context>
    <name>AgreementView</name>
    <message>
        <source>Whole study</source>
        <translation>整個研究</translation>
    </message>
    <message>
        <source>Current recording</source>
        <translation>目前的錄影</translation>
    </message>
    <message>
        <source>Count “unusable” as a category</source>
        <translation>將「無法使用」算作一個類別</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>範圍：</translation>
    </message>
    <message>
        <source>Pairs of raters (clips both labelled):</source>
        <translation>評分者兩兩比較（兩人皆標註的片段）：</translation>
    </message>
    <message>
        <source>Blinded: the list of disagreements and the agreement with the model are hidden.</source>
        <translation>盲性標註中：不一致清單及與模型的一致性已隱藏。</translation>
    </message>
    <message>
        <source>Disagreements (double-click to open the clip):</source>
        <translation>不一致之處（按兩下開啟片段）：</translation>
    </message>
    <message>
        <source>Cannot compute agreement</source>
        <translation>無法計算一致性</translation>
    </message>
    <message>
        <source>Fleiss&apos; κ over {raters} raters: {kappa} on {n} clips labelled by all; all agree on {percent}.</source>
        <translation>{raters} 位評分者的 Fleiss&apos; κ：{kappa}（全員皆標註的 {n} 個片段）；全員一致：{percent}。</translation>
    </message>
    <message>
        <source>Fleiss&apos; κ needs three or more raters.</source>
        <translation>Fleiss&apos; κ 需要三位以上評分者。</translation>
    </message>
    <message>
        <source>No labels in this scope.</source>
        <translation>此範圍內沒有標註。</translation>
    </message>
    <message>
        <source>Raters against the active model ({model}), clips the model labelled:</source>
        <translation>評分者與使用中模型（{model}）比較，限模型已判讀的片段：</translation>
    </message>
    <message>
        <source>No active model.</source>
        <translation>沒有使用中的模型。</translation>
    </message>
    <message>
        <source>Confusion: rows {a}, columns {b}</source>
        <translation>混淆矩陣：列為 {a}，欄為 {b}</translation>
    </message>
    <message>
        <source>Rater A</source>
        <translation>評分者 A</translation>
    </message>
    <message>
        <source>Rater B</source>
        <translation>評分者 B</translation>
    </message>
    <message>
        <source>Clips</source>
        <translation>片段數</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>一致率</translation>
    </message>
    <message>
        <source>Cohen&apos;s κ</source>
        <translation>Cohen&apos;s κ</translation>
    </message>
    <message>
        <source>Rater</source>
        <translation>評分者</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>錄影</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>標註</translation>
    </message>
    <message>
        <source>{code} · recording {id}</source>
        <translation>{code} · 錄影 {id}</translation>
    </message>
    <message>
        <source>stable</source>
        <translation>穩定</translation>
    </message>
    <message>
        <source>unstable</source>
        <translation>不穩定</translation>
    </message>
    <message>
        <source>unusable</source>
        <translation>無法使用</translation>
    </message>
    <message>
        <source>poor</source>
        <translation>差</translation>
    </message>
    <message>
        <source>slight</source>
        <translation>輕微</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>尚可</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>中等</translation>
    </message>
    <message>
        <source>substantial</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>almost perfect</source>
        <translation>幾乎完全</translation>
    </message>
    <message>
        <source>{kappa} ({words})</source>
        <translation>{kappa}（{words}）</translation>
    </message>
</context>
<context>
    <name>AnalysisSummary</name>
    <message>
        <source>Protocol check</source>
        <translation>流程檢核</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Data quality</source>
        <translation>資料品質</translation>
    </message>
    <message>
        <source>Earlier visits of this patient</source>
        <translation>此受測者先前的就診</translation>
    </message>
    <message>
        <source>Not assessable</source>
        <translation>無法評估</translation>
    </message>
    <message>
        <source>R = {rate} was computed but is not used: a protocol check failed.</source>
        <translation>已算出 R = {rate}，但未採用：有流程檢核未通過。</translation>
    </message>
    <message>
        <source>R was not computed for this recording.</source>
        <translation>此錄影未計算 R。</translation>
    </message>
    <message>
        <source>No result</source>
        <translation>無結果</translation>
    </message>
    <message>
        <source>{unstable} of 1 {rule} window unstable: record a longer walk for a result to rely on</source>
        <translation>依{rule}規則計入的 1 個視窗中有 {unstable} 個不穩定：請錄製較長的行走，結果才可依靠</translation>
    </message>
    <message>
        <source>{counts}; {other}</source>
        <translation>{counts}；{other}</translation>
    </message>
    <message>
        <source>Basis: {reason}</source>
        <translation>依據：{reason}</translation>
    </message>
    <message>
        <source>No risk group: the recording is not assessable</source>
        <translation>無風險分組：此錄影無法評估</translation>
    </message>
    <message>
        <source>{recipe} {rule}</source>
        <comment>two sentences; no space between them in Chinese</comment>
        <translation>{recipe}{rule}</translation>
    </message>
    <message>
        <source>Training data: {data}</source>
        <translation>訓練資料：{data}</translation>
    </message>
    <message>
        <source>{note} Click the patient in the player to re-analyse with them.</source>
        <translation>{note} 在播放器中點選受測者，即可以其重新分析。</translation>
    </message>
    <message>
        <source>{counts} (instability rate R)</source>
        <translation>{counts}（不穩定率 R）</translation>
    </message>
    <message>
        <source>Duration {duration} · {frames} frames · patient visible {coverage} · {interpolated} frames interpolated · mean keypoint confidence {confidence} · {not_classified}</source>
        <translation>時長 {duration} · {frames} 影格 · 病人可見 {coverage} · {interpolated} 影格為內插 · 關鍵點平均信心度 {confidence} · {not_classified}</translation>
    </message>
    <message>
        <source>No data-quality flags were raised.</source>
        <translation>沒有資料品質警示。</translation>
    </message>
    <message>
        <source>Whole walk</source>
        <translation>整段行走</translation>
    </message>
    <message>
        <source>Clip {n}</source>
        <translation>片段 {n}</translation>
    </message>
    <message>
        <source>Movement measures</source>
        <translation>動作測量值</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>測量項目</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>單位</translation>
    </message>
    <message>
        <source>Not available for this recording.</source>
        <translation>此錄影無此資料。</translation>
    </message>
    <message>
        <source>Gait parameters</source>
        <translation>步態參數</translation>
    </message>
    <message>
        <source>not available (see below)</source>
        <translation>無資料（見下方）</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>參數</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>數值</translation>
    </message>
</context>
<context>
    <name>AnalysisView</name>
    <message>
        <source>Select a recording in the study to see its analysis.</source>
        <translation>請在研究中選擇一段錄影以檢視其分析。</translation>
    </message>
    <message>
        <source>Queued: the analysis of this recording starts when the jobs before it are done.</source>
        <translation>已排入佇列：前面的工作完成後即開始分析此錄影。</translation>
    </message>
    <message>
        <source>Analysing this recording now (progress in the status bar).</source>
        <translation>正在分析此錄影（進度見狀態列）。</translation>
    </message>
    <message>
        <source>Hidden while you label blinded: the model&apos;s results would bias your labels. Turn off Blinded in the Annotate tab to see them.</source>
        <translation>盲性標註期間隱藏：模型結果會影響您的標註。請在「標註」分頁關閉「盲性」後檢視。</translation>
    </message>
    <message>
        <source>R counts:</source>
        <extracomment>``&quot;queued&quot;``/``&quot;running&quot;`` while a job works on a recording (the window passes the engine&apos;s).</extracomment>
        <translation>R 計算方式：</translation>
    </message>
    <message>
        <source>Which windows R counts. Switching re-computes R and the risk group from the stored window probabilities (the model is not run); the stored analysis keeps its rule.</source>
        <translation>R 計入哪些視窗。切換後會依已儲存的視窗機率重新計算 R 與風險分組（不重新執行模型）；已儲存的分析保留原本的規則。</translation>
    </message>
    <message>
        <source>Show results (ends blinded labelling)</source>
        <translation>顯示結果（結束盲性標註）</translation>
    </message>
    <message>
        <source>The analysis of this recording cannot be shown: {error}</source>
        <translation>無法顯示此錄影的分析：{error}</translation>
    </message>
    <message>
        <source>Analyse now</source>
        <translation>立即分析</translation>
    </message>
    <message>
        <source>Analyse again</source>
        <translation>再次分析</translation>
    </message>
    <message>
        <source>The deviation could not be accepted: {error}</source>
        <translation>無法接受此偏離：{error}</translation>
    </message>
    <message>
        <source>stable window</source>
        <translation>穩定視窗</translation>
    </message>
    <message>
        <source>unstable window (shaded)</source>
        <translation>不穩定視窗（陰影）</translation>
    </message>
    <message>
        <source>not classified</source>
        <translation>未分類</translation>
    </message>
    <message>
        <source>large outlined ● counted in R</source>
        <translation>大的空心 ● 計入 R</translation>
    </message>
    <message>
        <source>player position</source>
        <translation>播放位置</translation>
    </message>
    <message>
        <source>strip: raters&apos; consensus per clip</source>
        <translation>色條：各片段的評分者共識</translation>
    </message>
    <message>
        <source>click the chart to jump there</source>
        <translation>點選圖表可跳至該處</translation>
    </message>
    <message numerus="yes">
        <source>%n window(s)</source>
        <translation>
            <numerusform>%n 個視窗</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AnnotationBar</name>
    <message>
        <source>your rater name</source>
        <extracomment>The buttons of the Clips page, by the action they ask for.</extracomment>
        <translation>您的評分者名稱</translation>
    </message>
    <message>
        <source>This recording</source>
        <translation>此錄影</translation>
    </message>
    <message>
        <source>Queue: my unlabelled clips</source>
        <translation>佇列：我未標註的片段</translation>
    </message>
    <message>
        <source>Rater:</source>
        <translation>評分者：</translation>
    </message>
    <message>
        <source>Labelling speed:</source>
        <translation>標註速度：</translation>
    </message>
    <message>
        <source>Clips play at this speed while you label them, whatever the player&apos;s own speed is</source>
        <translation>標註時片段以此速度播放，不受播放器本身速度影響</translation>
    </message>
</context>
<context>
    <name>AnnotationPanel</name>
    <message>
        <source>Clips</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>一致性</translation>
    </message>
    <message>
        <source>Export labels…</source>
        <translation>匯出標註…</translation>
    </message>
    <message>
        <source>Train model from labels…</source>
        <translation>以標註訓練模型…</translation>
    </message>
    <message>
        <source>Cannot list the clips</source>
        <translation>無法列出片段</translation>
    </message>
    <message>
        <source>Enter your rater name first.</source>
        <translation>請先輸入您的評分者名稱。</translation>
    </message>
    <message>
        <source>Label clip {n} ({where})</source>
        <translation>標註片段 {n}（{where}）</translation>
    </message>
    <message>
        <source>Cannot save the label</source>
        <translation>無法儲存標註</translation>
    </message>
</context>
<context>
    <name>AnnotationRows</name>
    <message>
        <source>Show the model&apos;s results and the other raters&apos; labels? Labels you give afterwards are no longer blinded, and ending blinding is written to the study&apos;s audit log.</source>
        <translation>要顯示模型結果及其他評分者的標註嗎？之後的標註將不再是盲性標註，且結束盲性會記入研究的稽核紀錄。</translation>
    </message>
    <message>
        <source>End blinded labelling</source>
        <translation>結束盲性標註</translation>
    </message>
</context>
<context>
    <name>AnnotationTable</name>
    <message>
        <source>Recording</source>
        <translation>錄影</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>My label</source>
        <translation>我的標註</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>P(unstable)</source>
        <translation>P(不穩定)</translation>
    </message>
    <message>
        <source>Other raters</source>
        <translation>其他評分者</translation>
    </message>
    <message>
        <source>stable</source>
        <translation>穩定</translation>
    </message>
    <message>
        <source>unstable</source>
        <translation>不穩定</translation>
    </message>
    <message>
        <source>unusable</source>
        <translation>無法使用</translation>
    </message>
    <message>
        <source>{label} — differs</source>
        <translation>{label}（與模型不同）</translation>
    </message>
    <message>
        <source>Your label differs from the model&apos;s</source>
        <translation>您的標註與模型不同</translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <source>Toward the camera</source>
        <translation>朝向攝影機</translation>
    </message>
    <message>
        <source>Away from the camera</source>
        <translation>背離攝影機</translation>
    </message>
    <message>
        <source>Across the view</source>
        <translation>橫越畫面</translation>
    </message>
    <message>
        <source>Not stated</source>
        <translation>未註明</translation>
    </message>
    <message>
        <source>Change camera setup</source>
        <translation>變更攝影機設置</translation>
    </message>
    <message>
        <source>New camera setup</source>
        <translation>新增攝影機設置</translation>
    </message>
    <message>
        <source>Show frame</source>
        <translation>顯示影格</translation>
    </message>
    <message>
        <source>e.g. Room 2, tripod at the door</source>
        <translation>例如：第 2 診間，三腳架在門口</translation>
    </message>
    <message>
        <source>Floor rectangle (four corners)</source>
        <translation>地面矩形（四個角）</translation>
    </message>
    <message>
        <source>Two lines across the walkway</source>
        <translation>橫越走道的兩條線</translation>
    </message>
    <message>
        <source>The near and far edges are the course&apos;s start and end lines</source>
        <translation>近端與遠端邊緣即路線的起點線與終點線</translation>
    </message>
    <message>
        <source>Clear points</source>
        <translation>清除點</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>符合視窗大小</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>錄影</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>影格</translation>
    </message>
    <message>
        <source>Setup name</source>
        <translation>設置名稱</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Width across the walkway (m)</source>
        <translation>走道寬度 (m)</translation>
    </message>
    <message>
        <source>Length along the walkway (m)</source>
        <translation>走道長度 (m)</translation>
    </message>
    <message>
        <source>The patient walks</source>
        <translation>受測者行走方向</translation>
    </message>
    <message>
        <source>Click the four corners in order: the near line&apos;s left and right ends, then the far line&apos;s right and left ends. Drag a point to adjust it; the wheel zooms.</source>
        <translation>依序點選四個角：近端線的左端與右端，再點遠端線的右端與左端。拖曳點可調整位置；滾輪可縮放。</translation>
    </message>
    <message>
        <source>Click the four corners ({n} of 4 marked).</source>
        <translation>請點選四個角（已標 {n}/4）。</translation>
    </message>
    <message>
        <source>The calibration passes its checks. Expected position error at the walkway&apos;s far end: {cm:.1f} cm ({px:g} px keypoint error × {mm:.1f} mm per pixel). Check that the grid lies flat on the floor and the yellow outline on the taped rectangle.</source>
        <translation>校正已通過檢查。走道遠端的預期位置誤差：{cm:.1f} cm（關鍵點誤差 {px:g} px × 每像素 {mm:.1f} mm）。請確認網格平貼於地面，黃色輪廓與膠帶貼出的矩形重合。</translation>
    </message>
    <message>
        <source>Recomputing the recordings of this setup: {done} of {total}</source>
        <translation>正在重新計算此設置的錄影：{done}/{total}</translation>
    </message>
</context>
<context>
    <name>CaptureDialog</name>
    <message>
        <source>Record a walk</source>
        <extracomment>Emitted with every message shown in the dialog&apos;s message line (tests listen here).</extracomment>
        <translation>錄製行走</translation>
    </message>
    <message>
        <source>{what} (in {folder})</source>
        <translation>{what}（位於 {folder}）</translation>
    </message>
    <message>
        <source>Looking for cameras…</source>
        <translation>正在尋找攝影機…</translation>
    </message>
    <message>
        <source>No camera found: type a device path or a stream URL.</source>
        <translation>找不到攝影機：請輸入裝置路徑或串流網址。</translation>
    </message>
    <message>
        <source>Connecting to {source}…</source>
        <translation>正在連線至 {source}…</translation>
    </message>
    <message>
        <source>{label}: stream, {w} x {h}, {fps:g} frames/s</source>
        <translation>{label}：串流，{w} x {h}，{fps:g} 影格/秒</translation>
    </message>
    <message>
        <source>{label}: camera, {w} x {h}, {fps:g} frames/s</source>
        <translation>{label}：攝影機，{w} x {h}，{fps:g} 影格/秒</translation>
    </message>
    <message>
        <source>{label}: stream, {w} x {h}</source>
        <translation>{label}：串流，{w} x {h}</translation>
    </message>
    <message>
        <source>{label}: camera, {w} x {h}</source>
        <translation>{label}：攝影機，{w} x {h}</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>預覽</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>無預覽</translation>
    </message>
    <message>
        <source>Recording starts in {n}…</source>
        <translation>{n} 秒後開始錄影…</translation>
    </message>
    <message>
        <source>The folder {folder} cannot be created: {why}.</source>
        <translation>無法建立資料夾 {folder}：{why}。</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>錄影中…</translation>
    </message>
    <message>
        <source>Recording {done:.1f} / {total:.1f} s</source>
        <translation>錄影中 {done:.1f} / {total:.1f} s</translation>
    </message>
    <message>
        <source>Saved {name} ({s:.1f} s)</source>
        <translation>已儲存 {name}（{s:.1f} s）</translation>
    </message>
    <message>
        <source>Recording cancelled; nothing was saved.</source>
        <translation>已取消錄影；未儲存任何檔案。</translation>
    </message>
    <message>
        <source>Countdown cancelled.</source>
        <translation>已取消倒數。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>camera number, /dev/video0, http://… or rtsp://…</source>
        <translation>攝影機編號、/dev/video0、http://… 或 rtsp://…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <source>Camera default</source>
        <translation>攝影機預設值</translation>
    </message>
    <message>
        <source> frames/s</source>
        <translation> 影格/秒</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>No setup (not calibrated)</source>
        <translation>無設置（未校正）</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>來源</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>解析度</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>影格率</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>長度</translation>
    </message>
    <message>
        <source>Countdown</source>
        <translation>倒數</translation>
    </message>
    <message>
        <source>Camera setup</source>
        <translation>攝影機設置</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
</context>
<context>
    <name>ClipsPage</name>
    <message>
        <source>Blinded</source>
        <translation>盲性</translation>
    </message>
    <message>
        <source>Hide the model&apos;s predictions and the other raters&apos; labels</source>
        <translation>隱藏模型預測及其他評分者的標註</translation>
    </message>
    <message>
        <source>Advance after labelling</source>
        <translation>標註後跳至下一個</translation>
    </message>
    <message>
        <source>Only where I differ from the model</source>
        <translation>只列出與模型不同者</translation>
    </message>
    <message>
        <source>After unblinding: list only the clips whose label differs from the model&apos;s</source>
        <translation>解除盲性後：只列出標註與模型不同的片段</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>備註：</translation>
    </message>
    <message>
        <source>a comment on this clip (saved when you press Enter or leave the field)</source>
        <translation>此片段的備註（按 Enter 或離開欄位時儲存）</translation>
    </message>
    <message>
        <source>Stable (S)</source>
        <translation>穩定 (S)</translation>
    </message>
    <message>
        <source>Unstable (U)</source>
        <translation>不穩定 (U)</translation>
    </message>
    <message>
        <source>Unusable (X)</source>
        <translation>無法使用 (X)</translation>
    </message>
    <message>
        <source>◀ Previous (P)</source>
        <translation>◀ 上一個 (P)</translation>
    </message>
    <message>
        <source>Replay (Space)</source>
        <translation>重播 (Space)</translation>
    </message>
    <message>
        <source>Next (N) ▶</source>
        <translation>下一個 (N) ▶</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Queue done: you have labelled every clip of this study.</source>
        <translation>佇列已完成：您已標註此研究的所有片段。</translation>
    </message>
    <message>
        <source>Enter your rater name above to start labelling.</source>
        <translation>請在上方輸入評分者名稱以開始標註。</translation>
    </message>
    <message>
        <source>{done} of {n} clips in this queue labelled by {rater}.</source>
        <translation>{rater} 已標註此佇列 {n} 個片段中的 {done} 個。</translation>
    </message>
    <message>
        <source>{done} of {n} clips in this recording labelled by {rater}.</source>
        <translation>{rater} 已標註此錄影 {n} 個片段中的 {done} 個。</translation>
    </message>
    <message numerus="yes">
        <source>%n label(s) differ from the model.</source>
        <translation>
            <numerusform>%n 個標註與模型不同。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommentsAndExports</name>
    <message>
        <source>Cannot save the comment</source>
        <translation>無法儲存備註</translation>
    </message>
</context>
<context>
    <name>GettingStarted</name>
    <message>
        <source>Getting started</source>
        <extracomment>where the later steps open the user guide: anchors (``&lt;a id=&quot;…&quot;&gt;&lt;/a&gt;``) that every ``docs/user_guide*.md`` carries at the step, so the link works in any language&apos;s guide</extracomment>
        <translation>開始使用</translation>
    </message>
    <message>
        <source>This study has no recording yet. Five steps lead to a first screening report:</source>
        <translation>此研究尚無錄影。完成以下五個步驟即可得到第一份篩檢報告：</translation>
    </message>
    <message>
        <source>New patient…</source>
        <translation>新增受測者…</translation>
    </message>
    <message>
        <source>Import video…</source>
        <translation>匯入影片…</translation>
    </message>
    <message>
        <source>Capture…</source>
        <translation>錄製…</translation>
    </message>
    <message>
        <source>How to check the patient</source>
        <translation>如何確認受測者</translation>
    </message>
    <message>
        <source>How to read the result</source>
        <translation>如何判讀結果</translation>
    </message>
    <message>
        <source>How to export the report</source>
        <translation>如何匯出報告</translation>
    </message>
    <message>
        <source>Open the user guide</source>
        <translation>開啟使用手冊</translation>
    </message>
    <message>
        <source>1. Create a patient (a pseudonymous code, never a name).</source>
        <translation>1. 建立受測者（使用化名代碼，切勿使用姓名）。</translation>
    </message>
    <message>
        <source>2. Import a video of the walk, or capture one with a camera.</source>
        <translation>2. 匯入行走影片，或以攝影機錄製。</translation>
    </message>
    <message>
        <source>3. Check that the highlighted person is the patient; click another person to change it.</source>
        <translation>3. 確認標示的人是受測者；點選其他人即可更換。</translation>
    </message>
    <message>
        <source>4. Read the result on the Analysis tab.</source>
        <translation>4. 在「分析」分頁判讀結果。</translation>
    </message>
    <message>
        <source>5. Export the PDF report on the Report tab.</source>
        <translation>5. 在「報告」分頁匯出 PDF 報告。</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <source>Videos ({patterns});;All files (*)</source>
        <translation>影片 ({patterns});;所有檔案 (*)</translation>
    </message>
    <message>
        <source>{name}: the file does not exist.</source>
        <translation>{name}：檔案不存在。</translation>
    </message>
    <message>
        <source>{name} is a folder, not a video file.</source>
        <translation>{name} 是資料夾，不是影片檔。</translation>
    </message>
    <message>
        <source>{name} is not a regular file.</source>
        <translation>{name} 不是一般檔案。</translation>
    </message>
    <message>
        <source>{name} is not a video (without an extension); GaitScreen imports {kinds} files.</source>
        <translation>{name} 不是影片（沒有副檔名）；GaitScreen 可匯入 {kinds} 檔案。</translation>
    </message>
    <message>
        <source>{name} is not a video (&apos;{suffix}&apos;); GaitScreen imports {kinds} files.</source>
        <translation>{name} 不是影片（&apos;{suffix}&apos;）；GaitScreen 可匯入 {kinds} 檔案。</translation>
    </message>
    <message>
        <source>{name} cannot be read (permission denied).</source>
        <translation>無法讀取 {name}（權限不足）。</translation>
    </message>
    <message>
        <source>{name} is empty (0 bytes).</source>
        <translation>{name} 是空的（0 位元組）。</translation>
    </message>
    <message>
        <source>Import video</source>
        <translation>匯入影片</translation>
    </message>
    <message>
        <source>{problems}

The other %n file(s) are being imported.</source>
        <translation>{problems}

其他 %n 個檔案正在匯入。</translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation>無法匯入</translation>
    </message>
    <message>
        <source>Videos are linked to a patient, and no patient is selected.
Create a new patient now? (Or select one in the list and import again.)</source>
        <translation>影片必須連結到受測者，但目前未選擇受測者。
要立即新增受測者嗎？（或在清單中選擇一位後再匯入。）</translation>
    </message>
    <message>
        <source>No study is open: use File → Open study… first.</source>
        <translation>未開啟研究：請先使用「檔案 → 開啟研究…」。</translation>
    </message>
    <message>
        <source>This study is open read-only ({reason}); videos cannot be imported into it.</source>
        <translation>此研究以唯讀開啟（{reason}）；無法匯入影片。</translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation>已匯入過</translation>
    </message>
    <message>
        <source>{name} is already in the study as {where}; no second copy was made.</source>
        <translation>{name} 已在研究中，為 {where}；未建立第二份副本。</translation>
    </message>
    <message>
        <source>“{name}” of another patient (imported {date})</source>
        <translation>另一位受測者的「{name}」（{date} 匯入）</translation>
    </message>
    <message>
        <source>“{name}” of patient {code} (imported {date})</source>
        <translation>受測者 {code} 的「{name}」（{date} 匯入）</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>匯入失敗</translation>
    </message>
    <message>
        <source>{name} was not imported: {message}</source>
        <translation>未匯入 {name}：{message}</translation>
    </message>
</context>
<context>
    <name>JobStatus</name>
    <message>
        <source>Where pose estimation and the stability model run</source>
        <translation>姿勢估計與穩定度模型的執行裝置</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the running job (its partial results are discarded)</source>
        <translation>停止執行中的工作（捨棄其部分結果）</translation>
    </message>
    <message>
        <source>Device: {device}</source>
        <translation>裝置：{device}</translation>
    </message>
    <message>
        <source>Device: detecting…</source>
        <translation>裝置：偵測中…</translation>
    </message>
    <message>
        <source>CPU (no CUDA device)</source>
        <translation>CPU（無 CUDA 裝置）</translation>
    </message>
    <message>
        <source>GPU: {name} (CUDA)</source>
        <translation>GPU：{name}（CUDA）</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) queued</source>
        <translation>
            <numerusform>%n 項工作排隊中</numerusform>
        </translation>
    </message>
    <message>
        <source>{s} s left</source>
        <translation>剩餘 {s} s</translation>
    </message>
    <message>
        <source>{m} min {s} s left</source>
        <translation>剩餘 {m} min {s} s</translation>
    </message>
    <message>
        <source>{h} h {m} min left</source>
        <translation>剩餘 {h} h {m} min</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>語言(&amp;L)</translation>
    </message>
    <message>
        <source>System ({language})</source>
        <translation>系統設定（{language}）</translation>
    </message>
    <message>
        <source>Follow the language of the operating system</source>
        <translation>依照作業系統的語言</translation>
    </message>
</context>
<context>
    <name>LifterChoice</name>
    <message>
        <source>Choose 3-D &amp;lifter…</source>
        <translation>選擇 3D 提升模型(&amp;L)…</translation>
    </message>
    <message>
        <source>Choose 3-D &amp;lifter… (now {name})</source>
        <translation>選擇 3D 提升模型(&amp;L)…（目前：{name}）</translation>
    </message>
    <message>
        <source>PoseFormerV2 checkpoint (e.g. 27_243_45.2.bin) that lifts poses to 3-D for models whose card declares 3-D input</source>
        <translation>將姿勢提升為 3D 的 PoseFormerV2 檢查點（例如 27_243_45.2.bin），供模型卡宣告使用 3D 輸入的模型使用</translation>
    </message>
    <message>
        <source>Use the models folder&apos;s lifter</source>
        <translation>使用模型資料夾中的提升模型</translation>
    </message>
    <message>
        <source>Cannot use this lifter</source>
        <translation>無法使用此提升模型</translation>
    </message>
    <message>
        <source>Choose the 3-D lifter (PoseFormerV2 checkpoint)</source>
        <translation>選擇 3D 提升模型（PoseFormerV2 檢查點）</translation>
    </message>
    <message>
        <source>PoseFormerV2 checkpoints (*.bin *.pt *.pth);;All files (*)</source>
        <translation>PoseFormerV2 檢查點 (*.bin *.pt *.pth);;所有檔案 (*)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Annotate</source>
        <translation>標註</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>報告</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>研究</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>面板</translation>
    </message>
    <message>
        <source>Switch study</source>
        <translation>切換研究</translation>
    </message>
    <message>
        <source>Jobs are still running on this study. Cancel them and switch?</source>
        <translation>此研究仍有工作在執行。要取消並切換嗎？</translation>
    </message>
    <message>
        <source>Cannot open the study</source>
        <translation>無法開啟研究</translation>
    </message>
    <message>
        <source>Close the study</source>
        <translation>關閉研究</translation>
    </message>
    <message>
        <source>Jobs are still running on this study. Cancel them and close it?</source>
        <translation>此研究仍有工作在執行。要取消並關閉嗎？</translation>
    </message>
    <message>
        <source>add a patient</source>
        <translation>新增受測者</translation>
    </message>
    <message>
        <source>edit the patient</source>
        <translation>編輯受測者</translation>
    </message>
    <message>
        <source>No study</source>
        <translation>沒有研究</translation>
    </message>
    <message>
        <source>Open a study first to {what}.</source>
        <translation>請先開啟研究才能{what}。</translation>
    </message>
    <message>
        <source>Study is read-only</source>
        <translation>研究為唯讀</translation>
    </message>
    <message>
        <source>Cannot {what}: this study is {reason}.</source>
        <translation>無法{what}：此研究為{reason}。</translation>
    </message>
    <message>
        <source>Hidden while you label blinded</source>
        <translation>盲性標註期間隱藏</translation>
    </message>
    <message>
        <source>Job failed: {message}</source>
        <translation>工作失敗：{message}</translation>
    </message>
    <message>
        <source>Cannot show the recording</source>
        <translation>無法顯示錄影</translation>
    </message>
</context>
<context>
    <name>MarksPanel</name>
    <message>
        <source>rise onset</source>
        <translation>開始起身</translation>
    </message>
    <message>
        <source>full stand</source>
        <translation>完全站直</translation>
    </message>
    <message>
        <source>sitting down</source>
        <translation>坐下中</translation>
    </message>
    <message>
        <source>seated</source>
        <translation>坐定</translation>
    </message>
    <message>
        <source>arms used</source>
        <translation>使用手臂</translation>
    </message>
    <message>
        <source>incomplete stand</source>
        <translation>未完全站直</translation>
    </message>
    <message>
        <source>start (set by hand)</source>
        <translation>開始（手動設定）</translation>
    </message>
    <message>
        <source>stance start</source>
        <translation>站姿開始</translation>
    </message>
    <message>
        <source>stance end</source>
        <translation>站姿結束</translation>
    </message>
    <message>
        <source>step</source>
        <translation>跨步</translation>
    </message>
    <message>
        <source>support used</source>
        <translation>使用支撐</translation>
    </message>
    <message>
        <source>Event</source>
        <extracomment>Called for the player&apos;s current frame times (they are known once the video is opened).</extracomment>
        <translation>事件</translation>
    </message>
    <message>
        <source>Stance</source>
        <translation>站姿</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>時間 (s)</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>標記來源</translation>
    </message>
    <message>
        <source>◀ 1 frame</source>
        <translation>◀ 1 影格</translation>
    </message>
    <message>
        <source>Move the selected mark one frame earlier ([)</source>
        <translation>將選取的標記提前一個影格 ([)</translation>
    </message>
    <message>
        <source>1 frame ▶</source>
        <translation>1 影格 ▶</translation>
    </message>
    <message>
        <source>Move the selected mark one frame later (])</source>
        <translation>將選取的標記延後一個影格 (])</translation>
    </message>
    <message>
        <source>Delete mark</source>
        <translation>刪除標記</translation>
    </message>
    <message>
        <source>Delete the selected mark; the values are recomputed without it</source>
        <translation>刪除選取的標記；數值會在排除它後重新計算</translation>
    </message>
    <message>
        <source>The selected mark&apos;s time; type a time and press Enter to move it</source>
        <translation>選取標記的時間；輸入時間並按 Enter 即可移動</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>匯出 PDF…</translation>
    </message>
    <message>
        <source>This recording&apos;s report: protocol, events, times, points, corrections by hand</source>
        <translation>此錄影的報告：流程、事件、時間、分數、手動修正</translation>
    </message>
    <message>
        <source>Marks</source>
        <translation>標記</translation>
    </message>
    <message>
        <source>examiner</source>
        <translation>檢查者</translation>
    </message>
    <message>
        <source>analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>No chair-stand or balance analysis for this recording.</source>
        <translation>此錄影沒有起立坐下或平衡分析。</translation>
    </message>
    <message>
        <source>Five-times chair stand: {n} mark(s)</source>
        <translation>五次起立坐下：{n} 個標記</translation>
    </message>
    <message>
        <source>Balance stands: {n} mark(s)</source>
        <translation>站立平衡：{n} 個標記</translation>
    </message>
    <message>
        <source>not scored</source>
        <translation>未計分</translation>
    </message>
    <message>
        <source>Time {t} s over {n} stand(s); SPPB chair-stand points: {p}</source>
        <translation>{n} 次起立共 {t} s；SPPB 起立坐下得分：{p}</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between the stances&apos; hold times</comment>
        <translation>；</translation>
    </message>
    <message>
        <source>{stance} {seconds} s</source>
        <translation>{stance} {seconds} 秒</translation>
    </message>
    <message>
        <source>Hold times: {holds}; SPPB balance points: {p}</source>
        <translation>維持時間：{holds}；SPPB 平衡得分：{p}</translation>
    </message>
    <message>
        <source>Corrected by hand ({who}).</source>
        <translation>已手動修正（{who}）。</translation>
    </message>
    <message>
        <source>Set your name (File → Rater name…) before correcting marks: every correction names its examiner.</source>
        <translation>修正標記前請先設定您的名稱（檔案 → 評分者名稱…）：每項修正都會記錄檢查者。</translation>
    </message>
    <message>
        <source>Saved; the change is in the audit log.</source>
        <translation>已儲存；此變更已記入稽核紀錄。</translation>
    </message>
    <message>
        <source>PDF written: {path}</source>
        <translation>已寫入 PDF：{path}</translation>
    </message>
    <message>
        <source>Export the recording&apos;s PDF</source>
        <translation>匯出此錄影的 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 檔案 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PatientDialog</name>
    <message>
        <source>A patient with the code {code} already exists in this study.</source>
        <translation>此研究中已有代碼為 {code} 的受測者。</translation>
    </message>
    <message>
        <source>Birth year {year} is in the future.</source>
        <translation>出生年 {year} 晚於今年。</translation>
    </message>
    <message>
        <source>Edit patient</source>
        <translation>編輯受測者</translation>
    </message>
    <message>
        <source>New patient</source>
        <translation>新增受測者</translation>
    </message>
    <message>
        <source>pseudonymous code, e.g. P-0012 (never a name)</source>
        <translation>化名代碼，例如 P-0012（切勿使用姓名）</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未提供</translation>
    </message>
    <message>
        <source>F (female)</source>
        <translation>F（女性）</translation>
    </message>
    <message>
        <source>M (male)</source>
        <translation>M（男性）</translation>
    </message>
    <message>
        <source>clinical notes (no names or other identifying data)</source>
        <translation>臨床備註（勿填姓名或其他可識別身分的資料）</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>代碼：</translation>
    </message>
    <message>
        <source>Birth year:</source>
        <translation>出生年：</translation>
    </message>
    <message>
        <source>Sex:</source>
        <translation>性別：</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>身高：</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>備註：</translation>
    </message>
    <message>
        <source>Cannot add the patient</source>
        <translation>無法新增受測者</translation>
    </message>
    <message>
        <source>Cannot change the patient</source>
        <translation>無法變更受測者</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Preview</source>
        <translation>預覽</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>頁寬</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>縮小</translation>
    </message>
    <message>
        <source>Fit the page to the window&apos;s width</source>
        <translation>將頁面縮放至視窗寬度</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一頁</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一頁</translation>
    </message>
    <message>
        <source>The PDF preview needs the Qt PDF module, which is not installed. Export PDF still writes the report and opens it in your PDF viewer.</source>
        <translation>PDF 預覽需要 Qt PDF 模組，但尚未安裝。「匯出 PDF」仍會寫入報告，並以您的 PDF 檢視器開啟。</translation>
    </message>
    <message>
        <source>The PDF could not be rendered for the preview.</source>
        <translation>無法產生 PDF 預覽。</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 頁，共 {pages} 頁</translation>
    </message>
</context>
<context>
    <name>PlayerControls</name>
    <message>
        <source>Previous frame (←)</source>
        <translation>上一影格 (←)</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暫停 (Space)</translation>
    </message>
    <message>
        <source>Next frame (→)</source>
        <translation>下一影格 (→)</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>Skeleton</source>
        <translation>骨架</translation>
    </message>
    <message>
        <source>Draw the subject&apos;s skeleton</source>
        <translation>繪出受測者的骨架</translation>
    </message>
    <message>
        <source>Others</source>
        <translation>其他人</translation>
    </message>
    <message>
        <source>Draw the other persons, faint, with their track ids</source>
        <translation>以淡色繪出其他人及其追蹤編號</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>隱私</translation>
    </message>
    <message>
        <source>Hide the video: skeletons on a blank background</source>
        <translation>隱藏影片：僅在空白背景上顯示骨架</translation>
    </message>
    <message>
        <source>frame {i} / {last} · {t} s</source>
        <translation>影格 {i} / {last} · {t} s</translation>
    </message>
</context>
<context>
    <name>PlayerWidget</name>
    <message>
        <source>no video</source>
        <translation>無影片</translation>
    </message>
    <message>
        <source>frame {i} / {last} · {t} s</source>
        <translation>影格 {i} / {last} · {t} s</translation>
    </message>
</context>
<context>
    <name>ProtocolPanel</name>
    <message>
        <source>Accept deviation…</source>
        <translation>接受偏離…</translation>
    </message>
    <message>
        <source>Show the result although a protocol check failed (a reason is required)</source>
        <translation>即使流程檢核未通過仍顯示結果（須填寫理由）</translation>
    </message>
    <message>
        <source>The recording follows the protocol.</source>
        <translation>此錄影符合流程。</translation>
    </message>
    <message>
        <source>A protocol check failed; the deviation was accepted.</source>
        <translation>有一項流程檢核未通過；此偏離已被接受。</translation>
    </message>
    <message>
        <source>Accepted deviation: {deviations}</source>
        <translation>已接受的偏離：{deviations}</translation>
    </message>
</context>
<context>
    <name>RateRuleMenu</name>
    <message>
        <source>non-overlapping windows (the study&apos;s evaluation rule)</source>
        <translation>不重疊視窗（研究的評估規則）</translation>
    </message>
    <message>
        <source>all stride windows (overlapping)</source>
        <translation>所有步幅視窗（重疊）</translation>
    </message>
    <message>
        <source>Instability rate &amp;counts</source>
        <translation>不穩定率計算方式(&amp;C)</translation>
    </message>
    <message>
        <source>Used by new analyses; stored analyses keep the rule they were made with</source>
        <translation>新的分析會使用此設定；已儲存的分析保留其原本的規則</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Accept protocol deviation</source>
        <translation>接受流程偏離</translation>
    </message>
    <message>
        <source>Accept {codes} and show the result anyway? The reason is kept in the study&apos;s audit log and printed beside the result.</source>
        <translation>接受 {codes} 並仍然顯示結果嗎？理由會保存在研究資料夾的稽核紀錄中，並印在結果旁。</translation>
    </message>
    <message>
        <source>Reason (required), e.g. the walkway only allows a diagonal approach</source>
        <translation>理由（必填），例如：走道只能斜向接近鏡頭</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <source>Report language</source>
        <translation>報告語言</translation>
    </message>
    <message>
        <source>The language the PDF is written in (remembered for this study)</source>
        <translation>PDF 報告使用的語言（此研究會記住您的選擇）</translation>
    </message>
    <message>
        <source>Who filmed and analysed the walk</source>
        <translation>拍攝並分析此次行走的人員</translation>
    </message>
    <message>
        <source>Save reports in</source>
        <translation>報告儲存位置</translation>
    </message>
    <message>
        <source>Clinician notes (observations, context, other test results)</source>
        <translation>臨床醫師備註（觀察、背景、其他檢查結果）</translation>
    </message>
    <message>
        <source>Conclusion and next step, e.g. refer for grip strength and DXA</source>
        <translation>結論與下一步，例如轉介測量握力及 DXA</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作人員</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>結論</translation>
    </message>
    <message>
        <source>Save in</source>
        <translation>儲存於</translation>
    </message>
    <message>
        <source>the study&apos;s reports folder</source>
        <translation>研究的報告資料夾</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選擇…</translation>
    </message>
    <message>
        <source>Choose the folder the PDF is saved in (remembered for this study)</source>
        <translation>選擇 PDF 的儲存資料夾（此研究會記住）</translation>
    </message>
    <message>
        <source>Open the PDF after export</source>
        <translation>匯出後開啟 PDF</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>匯出 PDF</translation>
    </message>
    <message>
        <source>Write the PDF report, store it in the study and open it</source>
        <translation>寫入 PDF 報告、存入研究並開啟</translation>
    </message>
    <message>
        <source>A chair stand or balance test has its own PDF: export it from the Marks panel (Export PDF…), with the examiner&apos;s corrections. Its SPPB points go into the visit report (Patient → Visits and measurements…).</source>
        <translation>起立坐下與站立平衡測驗有各自的 PDF：請從「標記」面板匯出（匯出 PDF…），其中包含檢查者的修正。其 SPPB 得分會列入就診報告（受測者 → 就診與測量…）。</translation>
    </message>
    <message>
        <source>Not analysed yet. Analyse the recording (Ctrl+R) before writing its report.</source>
        <translation>尚未分析。請先分析此錄影 (Ctrl+R) 再產生報告。</translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) exported before; latest: {path} ({date}).</source>
        <translation>
            <numerusform>先前已匯出 %n 份報告；最新：{path}（{date}）。</numerusform>
        </translation>
    </message>
    <message>
        <source>date unknown</source>
        <translation>日期不明</translation>
    </message>
    <message>
        <source>The analysis of this recording cannot be read: {error}</source>
        <translation>無法讀取此錄影的分析：{error}</translation>
    </message>
    <message>
        <source>The study is open read-only (another GaitScreen is using it), so reports cannot be saved into it now.</source>
        <translation>此研究以唯讀開啟（另一個 GaitScreen 正在使用），目前無法將報告存入。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>匯出中…</translation>
    </message>
    <message>
        <source>The report could not be written: {error}.</source>
        <translation>無法寫入報告：{error}。</translation>
    </message>
    <message>
        <source>Saved {path} (sha256 {sha}…).</source>
        <translation>已儲存 {path}（sha256 {sha}…）。</translation>
    </message>
    <message>
        <source>It cannot be opened: the file is not there any more.</source>
        <translation>無法開啟：檔案已不存在。</translation>
    </message>
    <message>
        <source>It could not be opened: no PDF viewer is set up on this computer; open it from its folder.</source>
        <translation>無法開啟：此電腦未設定 PDF 檢視器；請從其資料夾開啟。</translation>
    </message>
    <message>
        <source>Export failed: {message}</source>
        <translation>匯出失敗：{message}</translation>
    </message>
    <message>
        <source>No preview: {error}</source>
        <translation>無預覽：{error}</translation>
    </message>
</context>
<context>
    <name>RestoreFlow</name>
    <message>
        <source>Restore backup…</source>
        <translation>還原備份…</translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation>以唯讀開啟</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The study was not opened</source>
        <translation>未開啟研究</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>還原備份</translation>
    </message>
    <message>
        <source>Open a study first to restore one of its backups.</source>
        <translation>請先開啟研究，才能還原其備份。</translation>
    </message>
    <message>
        <source>The study {folder} has no backups yet.</source>
        <translation>研究 {folder} 尚無備份。</translation>
    </message>
    <message>
        <source>Backups of {study}, newest first:</source>
        <translation>{study} 的備份（由新到舊）：</translation>
    </message>
    <message>
        <source>Replace the study&apos;s database with the backup of {backup}?

The study is closed, its current database is moved to the study&apos;s trash folder (nothing is deleted) and the study reopens with the backup&apos;s patients, recordings and labels.</source>
        <translation>要以 {backup} 的備份取代研究的資料庫嗎？

研究會先關閉，目前的資料庫移至研究的資源回收資料夾（不會刪除任何資料），之後以備份中的受測者、錄影與標註重新開啟研究。</translation>
    </message>
    <message>
        <source>The study is still in use by a background job; try again when it has finished.</source>
        <translation>研究仍被背景工作使用中；請待其完成後再試。</translation>
    </message>
    <message>
        <source>Restored the backup of {backup}</source>
        <translation>已還原 {backup} 的備份</translation>
    </message>
</context>
<context>
    <name>SetupsDialog</name>
    <message>
        <source>Camera setups</source>
        <translation>攝影機設置</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Walking direction</source>
        <translation>行走方向</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>路線</translation>
    </message>
    <message>
        <source>Expected error</source>
        <translation>預期誤差</translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation>錄影</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Change calibration…</source>
        <translation>變更校正…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重新命名…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>{m:g} m</source>
        <translation>{m:g} m</translation>
    </message>
    <message>
        <source>± {cm:.1f} cm</source>
        <translation>± {cm:.1f} cm</translation>
    </message>
    <message numerus="yes">
        <source>Used by %n recording(s): give them another setup first.</source>
        <translation>
            <numerusform>有 %n 段錄影使用中：請先為它們指定其他設置。</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete camera setup</source>
        <translation>刪除攝影機設置</translation>
    </message>
    <message>
        <source>Delete the camera setup {name}?</source>
        <translation>要刪除攝影機設置 {name} 嗎？</translation>
    </message>
    <message>
        <source>Rename camera setup</source>
        <translation>重新命名攝影機設置</translation>
    </message>
    <message>
        <source>New name</source>
        <translation>新名稱</translation>
    </message>
    <message>
        <source>Recomputed %n recording(s) with the new calibration.</source>
        <translation>已以新的校正重新計算 %n 個錄影。</translation>
    </message>
    <message>
        <source>Not recomputed: {which}.</source>
        <translation>未重新計算：{which}。</translation>
    </message>
    <message>
        <source>No setup (not calibrated)</source>
        <translation>無設置（未校正）</translation>
    </message>
    <message>
        <source>Camera setup</source>
        <translation>攝影機設置</translation>
    </message>
    <message>
        <source>Which camera setup was this recording made with?</source>
        <translation>此錄影是以哪個攝影機設置拍攝的？</translation>
    </message>
    <message>
        <source>Camera setups…</source>
        <translation>攝影機設置…</translation>
    </message>
    <message>
        <source>Open a study first.</source>
        <translation>請先開啟研究。</translation>
    </message>
    <message>
        <source>Camera setup…</source>
        <translation>攝影機設置…</translation>
    </message>
</context>
<context>
    <name>SkeletonView3D</name>
    <message>
        <source>Drag sideways to turn the patient</source>
        <extracomment>Degrees of yaw per pixel dragged.</extracomment>
        <translation>左右拖曳以轉動受測者</translation>
    </message>
    <message>
        <source>Turn the view about the vertical axis (degrees)</source>
        <translation>繞垂直軸轉動視角（度）</translation>
    </message>
    <message>
        <source>Lifted to 3-D by {lifter}</source>
        <translation>由 {lifter} 轉換為 3D</translation>
    </message>
</context>
<context>
    <name>SpeedEntry</name>
    <message>
        <source>Walkway length:</source>
        <translation>走道長度：</translation>
    </message>
    <message>
        <source>The distance the patient walked, from the start line to the end line</source>
        <translation>受測者由起點線走到終點線的距離</translation>
    </message>
    <message>
        <source>Compute speed</source>
        <translation>計算速度</translation>
    </message>
</context>
<context>
    <name>StudyNavigator</name>
    <message>
        <source>%n report(s)</source>
        <translation>%n 份報告</translation>
    </message>
    <message>
        <source>F</source>
        <comment>female (short, in the patients list)</comment>
        <translation>女</translation>
    </message>
    <message>
        <source>M</source>
        <comment>male (short, in the patients list)</comment>
        <translation>男</translation>
    </message>
    <message>
        <source>Search patients…</source>
        <translation>搜尋受測者…</translation>
    </message>
    <message>
        <source>Patients</source>
        <translation>受測者</translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation>錄影</translation>
    </message>
    <message>
        <source>Open latest report</source>
        <translation>開啟最新報告</translation>
    </message>
    <message>
        <source>Rename recording…</source>
        <translation>重新命名錄影…</translation>
    </message>
    <message>
        <source>Delete recording…</source>
        <translation>刪除錄影…</translation>
    </message>
    <message>
        <source>Rename patient…</source>
        <translation>重新命名受測者…</translation>
    </message>
    <message>
        <source>Delete patient…</source>
        <translation>刪除受測者…</translation>
    </message>
    <message>
        <source>{width}×{height}, {fps} fps, sha256 {sha}</source>
        <translation>{width}×{height}，{fps} fps，sha256 {sha}</translation>
    </message>
    <message>
        <source>Last failure: {error}</source>
        <translation>上次失敗：{error}</translation>
    </message>
    <message>
        <source>Not assessable: a protocol check failed (see the Analysis tab).</source>
        <translation>無法評估：有流程檢核未通過（見「分析」分頁）。</translation>
    </message>
    <message>
        <source>No study open.</source>
        <translation>未開啟研究。</translation>
    </message>
    <message>
        <source>No patients yet: Patient → New patient…</source>
        <translation>尚無受測者：受測者 → 新增受測者…</translation>
    </message>
    <message>
        <source>No patient matches the search.</source>
        <translation>沒有符合搜尋的受測者。</translation>
    </message>
    <message>
        <source>Select a patient to see their recordings.</source>
        <translation>選擇受測者以檢視其錄影。</translation>
    </message>
    <message>
        <source>No recordings: import a video (drag it here) or capture one.</source>
        <translation>沒有錄影：請匯入影片（拖曳至此）或錄製。</translation>
    </message>
    <message>
        <source>pose ✓</source>
        <translation>姿勢 ✓</translation>
    </message>
    <message>
        <source>pose –</source>
        <translation>姿勢 –</translation>
    </message>
    <message>
        <source>analysed ✓</source>
        <translation>已分析 ✓</translation>
    </message>
    <message>
        <source>analysed ✓ ⚠ not assessable: film again</source>
        <translation>已分析 ✓ ⚠ 無法評估：請重新錄影</translation>
    </message>
    <message>
        <source>analysed ✓ R {rate}</source>
        <translation>已分析 ✓ R {rate}</translation>
    </message>
    <message>
        <source>not analysed</source>
        <translation>未分析</translation>
    </message>
    <message>
        <source>my labels {n}/{m}</source>
        <translation>我的標註 {n}/{m}</translation>
    </message>
    <message>
        <source>labels {n}/{m}</source>
        <translation>標註 {n}/{m}</translation>
    </message>
    <message>
        <source>⚠ failed</source>
        <translation>⚠ 失敗</translation>
    </message>
</context>
<context>
    <name>StudySession</name>
    <message>
        <source>read-only: its database is damaged; export what you need, then restore a backup</source>
        <translation>唯讀：資料庫已損壞；請匯出所需資料，再還原備份</translation>
    </message>
    <message>
        <source>read-only: open in another GaitScreen window ({holder})</source>
        <translation>唯讀：已在另一個 GaitScreen 視窗開啟（{holder}）</translation>
    </message>
    <message>
        <source>No study open</source>
        <translation>未開啟研究</translation>
    </message>
    <message>
        <source>{study} — GaitScreen</source>
        <translation>{study} — GaitScreen</translation>
    </message>
    <message>
        <source>Study: {folder}</source>
        <translation>研究：{folder}</translation>
    </message>
    <message>
        <source>{study} — GaitScreen [{notice}]</source>
        <translation>{study} — GaitScreen [{notice}]</translation>
    </message>
    <message>
        <source>Study: {folder}  ·  {notice}</source>
        <translation>研究：{folder}  ·  {notice}</translation>
    </message>
</context>
<context>
    <name>SubjectChoiceBar</name>
    <message>
        <source>Re-analyse with this person</source>
        <translation>以此人重新分析</translation>
    </message>
    <message>
        <source>Keep the current patient</source>
        <translation>保留目前的受測者</translation>
    </message>
    <message>
        <source>Make person {track} the patient in this video? Their pose is estimated again and the recording re-analysed.</source>
        <translation>要將人物 {track} 設為此影片中的受測者嗎？將重新估計其姿勢並重新分析錄影。</translation>
    </message>
</context>
<context>
    <name>TrainDialog</name>
    <message>
        <source>Balanced accuracy</source>
        <translation>平衡準確率</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>準確率</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精確率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不適用</translation>
    </message>
    <message>
        <source>%n window(s)</source>
        <translation>%n 個視窗</translation>
    </message>
    <message>
        <source>? windows</source>
        <translation>? 個視窗</translation>
    </message>
    <message>
        <source>Model {name} {version}: trained on {clips} clips ({unstable} unstable) of {patients} patients, {windows}; raters {raters}.</source>
        <translation>模型 {name} {version}：以 {patients} 位受測者的 {clips} 個片段（{unstable} 個不穩定）、{windows} 訓練；評分者 {raters}。</translation>
    </message>
    <message>
        <source>{folds}-fold subject-level cross-validation, mean ± SD across folds (per window):</source>
        <translation>以受測者為單位的 {folds} 折交叉驗證，各折平均 ± 標準差（每個視窗）：</translation>
    </message>
    <message>
        <source>  Per clip ROC-AUC: {value}</source>
        <translation>  每片段 ROC-AUC：{value}</translation>
    </message>
    <message>
        <source>Left out for a tie between raters ({count}): {clips}</source>
        <translation>因評分者意見平手而排除（{count}）：{clips}</translation>
    </message>
    <message>
        <source>Left out as unusable: {count} clips.</source>
        <translation>因無法使用而排除：{count} 個片段。</translation>
    </message>
    <message>
        <source>Fine-tuned from {name} (sha256 {sha}); head {head}.</source>
        <translation>由 {name}（sha256 {sha}）微調；輸出層 {head}。</translation>
    </message>
    <message>
        <source>Written to {path} with its model card; not clinically validated.</source>
        <translation>已連同模型卡寫入 {path}；尚未經臨床驗證。</translation>
    </message>
    <message>
        <source>Train model from labels</source>
        <extracomment>The role of a *Start from* item&apos;s kind: (&quot;active&quot;, name, version), (&quot;random&quot;,), (&quot;other&quot;,) or (&quot;checkpoint&quot;, file name); its text is made from it in the current language.</extracomment>
        <translation>以標註訓練模型</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>起始權重</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>訓練輪數</translation>
    </message>
    <message>
        <source>Cross-validation folds (by patient)</source>
        <translation>交叉驗證折數（依受測者分組）</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架構</translation>
    </message>
    <message>
        <source>Model name</source>
        <translation>模型名稱</translation>
    </message>
    <message>
        <source>Fine-tune from a checkpoint (its size is used) or train from random weights</source>
        <translation>由檢查點微調（沿用其大小），或由隨機權重開始訓練</translation>
    </message>
    <message>
        <source>compact SkateFormer (CPU-friendly)</source>
        <translation>精簡版 SkateFormer（適合 CPU）</translation>
    </message>
    <message>
        <source>SkateFormer, the published configuration</source>
        <translation>SkateFormer，已發表的設定</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>訓練</translation>
    </message>
    <message>
        <source>Cancel training</source>
        <translation>取消訓練</translation>
    </message>
    <message>
        <source>Make active</source>
        <translation>設為使用中</translation>
    </message>
    <message>
        <source>Clips with a stable/unstable majority of the raters&apos; labels are used; ties and clips judged unusable are left out.</source>
        <translation>使用評分者標註多數為穩定或不穩定的片段；平手及被判定無法使用的片段會被排除。</translation>
    </message>
    <message>
        <source>Active model: {name} {version}</source>
        <translation>使用中的模型：{name} {version}</translation>
    </message>
    <message>
        <source>Random weights (train from scratch)</source>
        <translation>隨機權重（從頭訓練）</translation>
    </message>
    <message>
        <source>Other checkpoint…</source>
        <translation>其他檢查點…</translation>
    </message>
    <message>
        <source>Start from checkpoint</source>
        <translation>由檢查點開始</translation>
    </message>
    <message>
        <source>Checkpoints (*.pt *.pth *.bin);;All files (*)</source>
        <translation>檢查點 (*.pt *.pth *.bin);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Checkpoint: {name}</source>
        <translation>檢查點：{name}</translation>
    </message>
    <message>
        <source>From the checkpoint started from</source>
        <translation>沿用起始檢查點的架構</translation>
    </message>
    <message>
        <source>Waiting for the engine…</source>
        <translation>等待運算引擎…</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>Training failed: {message}</source>
        <translation>訓練失敗：{message}</translation>
    </message>
    <message>
        <source>Training cancelled; nothing was written.</source>
        <translation>已取消訓練；沒有寫入任何檔案。</translation>
    </message>
    <message>
        <source>Cannot make the model active</source>
        <translation>無法將模型設為使用中</translation>
    </message>
    <message>
        <source>{name} {version} is now the active model; later analyses use it and name it in their reports.</source>
        <translation>{name} {version} 現為使用中的模型；之後的分析都會使用它，並在報告中註明。</translation>
    </message>
</context>
<context>
    <name>TrendView</name>
    <message>
        <source>No other analysed recording of this patient yet.</source>
        <translation>此受測者尚無其他已分析的錄影。</translation>
    </message>
    <message>
        <source>{date}: no result</source>
        <translation>{date}：無結果</translation>
    </message>
    <message>
        <source>{date}: R = {percent} %</source>
        <translation>{date}：R = {percent} %</translation>
    </message>
    <message>
        <source>Visits: {visits}</source>
        <translation>就診紀錄：{visits}</translation>
    </message>
</context>
<context>
    <name>UserGuideView</name>
    <message>
        <source>GaitScreen user guide</source>
        <translation>GaitScreen 使用手冊</translation>
    </message>
    <message>
        <source>The user guide was not found at {path}. Reinstall GaitScreen, or read docs/user_guide.md in its source.</source>
        <translation>在 {path} 找不到使用手冊。請重新安裝 GaitScreen，或閱讀原始碼中的 docs/user_guide.md。</translation>
    </message>
</context>
<context>
    <name>View3dDock</name>
    <message>
        <source>3-D view</source>
        <translation>3D 檢視</translation>
    </message>
</context>
<context>
    <name>VisitCompare</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作人員</translation>
    </message>
    <message>
        <source>Gait speed (assessment)</source>
        <translation>步行速度（評估）</translation>
    </message>
    <message>
        <source>Grip strength, best</source>
        <translation>握力，最佳值</translation>
    </message>
    <message>
        <source>Calf circumference</source>
        <translation>小腿圍</translation>
    </message>
    <message>
        <source>SARC-F</source>
        <translation>SARC-F</translation>
    </message>
    <message>
        <source>SPPB</source>
        <translation>簡易身體功能量表 (SPPB)</translation>
    </message>
    <message>
        <source>Five-times chair stand</source>
        <translation>五次起立坐下</translation>
    </message>
    <message>
        <source>ASM</source>
        <translation>四肢骨骼肌量 (ASM)</translation>
    </message>
    <message>
        <source>Instability rate R (research measure)</source>
        <translation>不穩定率 R（研究用指標）</translation>
    </message>
    <message>
        <source>Risk group</source>
        <translation>風險分組</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>視窗</translation>
    </message>
    <message>
        <source>Sway range</source>
        <translation>搖晃幅度，範圍</translation>
    </message>
    <message>
        <source>Sway SD</source>
        <translation>搖晃幅度，標準差</translation>
    </message>
    <message>
        <source>Arm abduction, max</source>
        <translation>手臂外展，最大值</translation>
    </message>
    <message>
        <source>Foot deviation, max</source>
        <translation>落腳偏離直線，最大值</translation>
    </message>
    <message>
        <source>Trunk lean, max</source>
        <translation>軀幹傾斜，最大值</translation>
    </message>
    <message>
        <source>Stops</source>
        <translation>停頓</translation>
    </message>
    <message>
        <source>Cadence</source>
        <translation>步頻</translation>
    </message>
    <message>
        <source>Step time, mean</source>
        <translation>步時，平均</translation>
    </message>
    <message>
        <source>Step time CV</source>
        <translation>步時變異係數</translation>
    </message>
    <message>
        <source>Step width</source>
        <translation>步寬</translation>
    </message>
    <message>
        <source>Walk speed</source>
        <translation>行走速度</translation>
    </message>
    <message>
        <source>AWGS 2019</source>
        <translation>AWGS 2019</translation>
    </message>
    <message>
        <source>EWGSOP2</source>
        <translation>EWGSOP2</translation>
    </message>
</context>
<context>
    <name>VisitCompareDialog</name>
    <message>
        <source>Visits {first} and {second}</source>
        <extracomment>Rows whose values are stored English words (the JSON&apos;s data), worded where shown.</extracomment>
        <translation>就診 {first} 與 {second}</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>測量項目</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>變化</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Edit visit</source>
        <translation>編輯就診</translation>
    </message>
    <message>
        <source>New visit / measurements</source>
        <translation>新增就診 / 測量</translation>
    </message>
    <message>
        <source>Date (YYYY-MM-DD)</source>
        <translation>日期（西元年-月-日）</translation>
    </message>
    <message>
        <source>Time (HH:MM)</source>
        <translation>時間 (HH:MM)</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作人員</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Dynamometer</source>
        <translation>握力計</translation>
    </message>
    <message>
        <source>method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>ASM method</source>
        <translation>ASM 測量方法</translation>
    </message>
    <message>
        <source>ASM device</source>
        <translation>ASM 測量儀器</translation>
    </message>
    <message>
        <source>strength</source>
        <translation>肌力</translation>
    </message>
    <message>
        <source>assistance in walking</source>
        <translation>行走輔助</translation>
    </message>
    <message>
        <source>rise from a chair</source>
        <translation>從椅子起身</translation>
    </message>
    <message>
        <source>climb stairs</source>
        <translation>爬樓梯</translation>
    </message>
    <message>
        <source>falls</source>
        <translation>跌倒</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>未作答</translation>
    </message>
    <message>
        <source>SARC-F {item}</source>
        <translation>SARC-F {item}</translation>
    </message>
    <message>
        <source>Grip right (kg, trials separated by commas)</source>
        <translation>右手握力（公斤，多次測量以逗號分隔）</translation>
    </message>
    <message>
        <source>Grip left (kg, trials separated by commas)</source>
        <translation>左手握力（公斤，多次測量以逗號分隔）</translation>
    </message>
    <message>
        <source>Calf circumference (cm)</source>
        <translation>小腿圍（公分）</translation>
    </message>
    <message>
        <source>ASM (kg)</source>
        <translation>四肢骨骼肌量 ASM（公斤）</translation>
    </message>
    <message>
        <source>Height at the visit (cm)</source>
        <translation>就診時身高（公分）</translation>
    </message>
    <message>
        <source>Five-times chair stand, timed by hand (s)</source>
        <translation>五次起立坐下，人工計時（秒）</translation>
    </message>
    <message>
        <source>SPPB score, entered (0-12)</source>
        <translation>SPPB 分數，手動輸入（0–12）</translation>
    </message>
</context>
<context>
    <name>VisitsDialog</name>
    <message>
        <source>Visit report…</source>
        <translation>就診報告…</translation>
    </message>
    <message>
        <source>Write the selected visit&apos;s assessment report (PDF)</source>
        <translation>寫出所選就診的評估報告 (PDF)</translation>
    </message>
    <message>
        <source>The language the visit report is written in</source>
        <translation>就診報告使用的語言</translation>
    </message>
    <message>
        <source>Report language</source>
        <translation>報告語言</translation>
    </message>
    <message>
        <source>Select a visit to write its report.</source>
        <translation>請先選取一次就診，再寫出其報告。</translation>
    </message>
    <message>
        <source>The visit report was not written: {error}</source>
        <translation>未寫出就診報告：{error}</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>已儲存 {path}。</translation>
    </message>
    <message>
        <source>Save the visit report</source>
        <translation>儲存就診報告</translation>
    </message>
    <message>
        <source>Visits of {code}</source>
        <translation>{code} 的就診紀錄</translation>
    </message>
    <message>
        <source>New visit / measurements…</source>
        <translation>新增就診 / 測量…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編輯…</translation>
    </message>
    <message>
        <source>Compare two visits…</source>
        <translation>比較兩次就診…</translation>
    </message>
    <message>
        <source>Select two visits to see them side by side</source>
        <translation>選擇兩次就診以並排檢視</translation>
    </message>
    <message>
        <source>Select exactly two visits (Ctrl+click) to compare them.</source>
        <translation>請選擇剛好兩次就診 (Ctrl+點選) 進行比較。</translation>
    </message>
    <message>
        <source>No patient</source>
        <translation>沒有受測者</translation>
    </message>
    <message>
        <source>Select a patient first to see their visits.</source>
        <translation>請先選擇受測者以檢視其就診紀錄。</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&lt;b&gt;GaitScreen {version}&lt;/b&gt;&lt;br&gt;Sarcopenia risk screening from a video of tandem walking.&lt;br&gt;&lt;br&gt;Licence: GNU Affero General Public License v3.0 or later (AGPL-3.0-or-later).&lt;br&gt;&lt;br&gt;&lt;b&gt;Not a medical device.&lt;/b&gt; The bundled stability model is trained on &lt;i&gt;synthetic&lt;/i&gt; skeletons, not on patients: it demonstrates the workflow and is not a validated clinical model. Train on rater-annotated clips or load a validated checkpoint for real use.</source>
        <translation>&lt;b&gt;GaitScreen {version}&lt;/b&gt;&lt;br&gt;以直線腳跟接腳尖行走影片進行肌少症風險篩檢。&lt;br&gt;&lt;br&gt;授權：GNU Affero General Public License v3.0 或更新版本 (AGPL-3.0-or-later)。&lt;br&gt;&lt;br&gt;&lt;b&gt;非經認證的醫療器材。&lt;/b&gt;內附的穩定度模型是以&lt;i&gt;合成&lt;/i&gt;骨架訓練，而非受測者資料：僅用於展示工作流程，並非經驗證的臨床模型。實際使用前，請以評分者標註的片段訓練，或載入經驗證的檢查點。</translation>
    </message>
    <message>
        <source>About GaitScreen</source>
        <translation>關於 GaitScreen</translation>
    </message>
    <message>
        <source>&amp;New study…</source>
        <translation>新增研究(&amp;N)…</translation>
    </message>
    <message>
        <source>Create a study in a new folder</source>
        <translation>在新資料夾中建立研究</translation>
    </message>
    <message>
        <source>&amp;Open study…</source>
        <translation>開啟研究(&amp;O)…</translation>
    </message>
    <message>
        <source>Open an existing study folder</source>
        <translation>開啟現有的研究資料夾</translation>
    </message>
    <message>
        <source>&amp;Import video…</source>
        <translation>匯入影片(&amp;I)…</translation>
    </message>
    <message>
        <source>Import one or more videos for the selected patient (or drop them on the window)</source>
        <translation>為選取的受測者匯入一或多段影片（或將影片拖放到視窗上）</translation>
    </message>
    <message>
        <source>&amp;Capture…</source>
        <translation>錄製(&amp;C)…</translation>
    </message>
    <message>
        <source>Record a walk with a camera for the selected patient</source>
        <translation>以攝影機為選取的受測者錄製行走</translation>
    </message>
    <message>
        <source>Copy imported videos into the study</source>
        <translation>將匯入的影片複製到研究中</translation>
    </message>
    <message>
        <source>Off: the study refers to the video where it is (it must stay there)</source>
        <translation>關閉時：研究直接參照影片原本的位置（影片須留在原處）</translation>
    </message>
    <message>
        <source>Analyse recordings after import</source>
        <translation>匯入後自動分析錄影</translation>
    </message>
    <message>
        <source>Queue pose estimation and screening as soon as a video is imported</source>
        <translation>影片一匯入即排入姿勢估計與篩檢</translation>
    </message>
    <message>
        <source>Restore &amp;backup…</source>
        <translation>還原備份(&amp;B)…</translation>
    </message>
    <message>
        <source>Replace the study&apos;s database with one of its automatic backups</source>
        <translation>以研究的某個自動備份取代其資料庫</translation>
    </message>
    <message>
        <source>&amp;Rater name…</source>
        <translation>評分者名稱(&amp;R)…</translation>
    </message>
    <message>
        <source>Your name as it appears on labels and reports</source>
        <translation>您在標註與報告上顯示的名稱</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;New patient…</source>
        <translation>新增受測者(&amp;N)…</translation>
    </message>
    <message>
        <source>Add a patient (pseudonymous code)</source>
        <translation>新增受測者（化名代碼）</translation>
    </message>
    <message>
        <source>&amp;Edit patient…</source>
        <translation>編輯受測者(&amp;E)…</translation>
    </message>
    <message>
        <source>Change the selected patient&apos;s data</source>
        <translation>變更選取受測者的資料</translation>
    </message>
    <message>
        <source>&amp;Visits and measurements…</source>
        <translation>就診與測量(&amp;V)…</translation>
    </message>
    <message>
        <source>The selected patient&apos;s visits: add a visit and its manual measurements</source>
        <translation>選取受測者的就診：新增就診及其手動測量值</translation>
    </message>
    <message>
        <source>&amp;Analyse</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>Estimate the pose and screen the selected recording</source>
        <translation>估計姿勢並篩檢選取的錄影</translation>
    </message>
    <message>
        <source>Analyse &amp;all of this patient&apos;s recordings</source>
        <translation>分析此受測者的所有錄影(&amp;A)</translation>
    </message>
    <message>
        <source>Queue every recording of the selected patient that has no analysis yet</source>
        <translation>將選取受測者所有尚未分析的錄影排入佇列</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>匯出報告(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the selected recording&apos;s screening report (PDF)</source>
        <translation>寫出選取錄影的篩檢報告 (PDF)</translation>
    </message>
    <message>
        <source>&amp;Privacy view</source>
        <translation>隱私檢視(&amp;P)</translation>
    </message>
    <message>
        <source>Hide the video picture (skeletons only), e.g. while sharing the screen</source>
        <translation>隱藏影片畫面（僅顯示骨架），例如分享螢幕時</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>使用手冊(&amp;U)</translation>
    </message>
    <message>
        <source>How to screen a patient with GaitScreen, step by step</source>
        <translation>逐步說明如何以 GaitScreen 篩檢受測者</translation>
    </message>
    <message>
        <source>&amp;About GaitScreen</source>
        <translation>關於 GaitScreen(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Patient</source>
        <translation>受測者(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Recording</source>
        <translation>錄影(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>Recent studies</source>
        <translation>最近的研究</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具列</translation>
    </message>
    <message>
        <source>Report export arrives with the Report panel</source>
        <translation>報告匯出功能隨「報告」面板提供</translation>
    </message>
    <message>
        <source>New study: choose an empty folder</source>
        <translation>新增研究：請選擇空白資料夾</translation>
    </message>
    <message>
        <source>Open study folder</source>
        <translation>開啟研究資料夾</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（尚無）</translation>
    </message>
    <message>
        <source>Rater name</source>
        <translation>評分者名稱</translation>
    </message>
    <message>
        <source>Your name (shown on labels and reports):</source>
        <translation>您的名稱（顯示於標註與報告）：</translation>
    </message>
    <message>
        <source>Capture</source>
        <translation>錄製</translation>
    </message>
    <message>
        <source>A recording belongs to a patient, and no patient is selected.
Create a new patient now?</source>
        <translation>錄影必須屬於某位受測者，但目前未選擇受測者。
要立即新增受測者嗎？</translation>
    </message>
    <message>
        <source>Cannot capture</source>
        <translation>無法錄製</translation>
    </message>
    <message>
        <source>The capture dialog could not start: {error}</source>
        <translation>無法啟動錄製對話框：{error}</translation>
    </message>
    <message>
        <source>analyse</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Nothing to analyse</source>
        <translation>沒有需要分析的錄影</translation>
    </message>
    <message>
        <source>Every recording of this patient has an analysis.</source>
        <translation>此受測者的每段錄影都已分析。</translation>
    </message>
    <message>
        <source>change the patient in this video</source>
        <translation>更換此影片中的受測者</translation>
    </message>
</context>
<context>
    <name>WindowChart</name>
    <message>
        <source>stable</source>
        <translation>穩定</translation>
    </message>
    <message>
        <source>unstable</source>
        <translation>不穩定</translation>
    </message>
    <message>
        <source>unusable</source>
        <translation>無法使用</translation>
    </message>
    <message>
        <source>raters differ</source>
        <translation>評分者不一致</translation>
    </message>
    <message>
        <source>Time in the recording (s)</source>
        <translation>錄影中的時間（秒）</translation>
    </message>
    <message>
        <source>threshold {value}</source>
        <translation>閾值 {value}</translation>
    </message>
    <message>
        <source>Clip {n}</source>
        <translation>片段 {n}</translation>
    </message>
    <message>
        <source>raters</source>
        <translation>評分者</translation>
    </message>
    <message>
        <source>not classified (patient missing)</source>
        <translation>未分類（受測者不在畫面中）</translation>
    </message>
    <message>
        <source>counted in R</source>
        <translation>計入 R</translation>
    </message>
    <message>
        <source>Window {n}: {span}</source>
        <translation>視窗 {n}：{span}</translation>
    </message>
</context>
<context>
    <name>_ExportWatcher</name>
    <message>
        <source>Exported {count} clips to {folder} ({csv}, {npz}).</source>
        <translation>已將 {count} 個片段匯出至 {folder}（{csv}、{npz}）。</translation>
    </message>
    <message>
        <source>Exported {count} clips to {folder} ({csv}; no clip had a usable consensus).</source>
        <translation>已將 {count} 個片段匯出至 {folder}（{csv}；沒有片段具可用的共識標註）。</translation>
    </message>
    <message>
        <source>Left out for a tie between raters: {clips}.</source>
        <translation>因評分者意見平手而排除：{clips}。</translation>
    </message>
    <message>
        <source>Not written: {files}.</source>
        <translation>未寫入：{files}。</translation>
    </message>
    <message>
        <source>Labels exported</source>
        <translation>標註已匯出</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>匯出失敗</translation>
    </message>
</context>
</TS>
