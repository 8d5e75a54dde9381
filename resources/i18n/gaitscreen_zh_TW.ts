<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
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
    <name>ProtocolPanel</name>
    <message>
        <source>Accept deviation…</source>
        <translation>接受偏離…</translation>
    </message>
    <message>
        <source>Show the result although a protocol check failed (a reason is required)</source>
        <translation>即使拍攝規範檢查未通過仍顯示結果（須填寫理由）</translation>
    </message>
    <message>
        <source>The recording follows the protocol.</source>
        <translation>此錄影符合拍攝規範。</translation>
    </message>
    <message>
        <source>A protocol check failed; the deviation was accepted.</source>
        <translation>有一項拍攝規範檢查未通過；此偏離已被接受。</translation>
    </message>
    <message>
        <source>Accepted deviation: {deviations}</source>
        <translation>已接受的偏離：{deviations}</translation>
    </message>
</context>
<context>
    <name>RateRuleMenu</name>
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
        <translation>接受拍攝規範偏離</translation>
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
        <translation>模型 {name} {version}：以 {patients} 位個案的 {clips} 個片段（{unstable} 個不穩定）、{windows} 訓練；評分者 {raters}。</translation>
    </message>
    <message>
        <source>{folds}-fold subject-level cross-validation, mean ± SD across folds (per window):</source>
        <translation>以個案為單位的 {folds} 折交叉驗證，各折平均 ± 標準差（每個視窗）：</translation>
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
        <translation>交叉驗證折數（依個案分組）</translation>
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
        <translation>此個案尚無其他已分析的錄影。</translation>
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
