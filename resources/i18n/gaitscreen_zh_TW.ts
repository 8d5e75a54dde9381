<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>CaptureDialog</source>
        <comment>camera number, /dev/video0, http://… or rtsp://…</comment>
        <extracomment>The resolutions offered; the first item is the camera&apos;s default (its text is translated).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CaptureDialog</source>
        <comment>Refresh</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CaptureDialog</source>
        <comment>Preview</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CaptureDialog</source>
        <comment>Camera default</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CaptureDialog</source>
        <comment>No setup (not calibrated)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CaptureDialog</source>
        <comment>Source</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CaptureDialog</source>
        <comment>Resolution</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CaptureDialog</source>
        <comment>Frame rate</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CaptureDialog</source>
        <comment>Duration</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CaptureDialog</source>
        <comment>Countdown</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CaptureDialog</source>
        <comment>Camera setup</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CaptureDialog</source>
        <comment>No preview</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CaptureDialog</source>
        <comment>Start</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CaptureDialog</source>
        <comment>Close</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JobStatus</source>
        <comment>{s} s left</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JobStatus</source>
        <comment>{m} min {s} s left</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JobStatus</source>
        <comment>{h} h {m} min left</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>StudySession</source>
        <comment>No study open</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>StudySession</source>
        <comment>{study} — GaitScreen</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>StudySession</source>
        <comment>Study: {folder}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>StudySession</source>
        <comment>{study} — GaitScreen [{notice}]</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>StudySession</source>
        <comment>Study: {folder}  ·  {notice}</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgreementView</name>
    <message>
        <source>Whole study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count “unusable” as a category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pairs of raters (clips both labelled):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blinded: the list of disagreements and the agreement with the model are hidden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disagreements (double-click to open the clip):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot compute agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fleiss&apos; κ over {raters} raters: {kappa} on {n} clips labelled by all; all agree on {percent}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fleiss&apos; κ needs three or more raters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No labels in this scope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raters against the active model ({model}), clips the model labelled:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No active model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confusion: rows {a}, columns {b}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnalysisSummary</name>
    <message>
        <source>Protocol check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier visits of this patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not assessable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R = {rate} was computed but is not used: a protocol check failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R was not computed for this recording.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basis: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training data: {data}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{note} Click the patient in the player to re-analyse with them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data-quality flags were raised.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole walk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clip {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Movement measures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not available for this recording.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gait parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not available (see below)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnalysisView</name>
    <message>
        <source>Select a recording in the study to see its analysis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued: the analysis of this recording starts when the jobs before it are done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysing this recording now (progress in the status bar).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden while you label blinded: the model&apos;s results would bias your labels. Turn off Blinded in the Annotate tab to see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R counts:</source>
        <extracomment>``&quot;queued&quot;``/``&quot;running&quot;`` while a job works on a recording (the window passes the engine&apos;s).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which windows R counts. Switching re-computes R and the risk group from the stored window probabilities (the model is not run); the stored analysis keeps its rule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show results (ends blinded labelling)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The analysis of this recording cannot be shown: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyse now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deviation could not be accepted: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stable window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unstable window (shaded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not classified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>large outlined ● counted in R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>player position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>strip: raters&apos; consensus per clip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>click the chart to jump there</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnnotationBar</name>
    <message>
        <source>your rater name</source>
        <extracomment>The buttons of the Clips page, by the action they ask for.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue: my unlabelled clips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rater:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labelling speed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clips play at this speed while you label them, whatever the player&apos;s own speed is</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnnotationPanel</name>
    <message>
        <source>Clips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export labels…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train model from labels…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot list the clips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your rater name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label clip {n} ({where})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the label</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnnotationRows</name>
    <message>
        <source>Show the model&apos;s results and the other raters&apos; labels? Labels you give afterwards are no longer blinded, and ending blinding is written to the study&apos;s audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End blinded labelling</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <source>Toward the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Away from the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Across the view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not stated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change camera setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New camera setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Room 2, tripod at the door</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Floor rectangle (four corners)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two lines across the walkway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The near and far edges are the course&apos;s start and end lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setup name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width across the walkway (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length along the walkway (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The patient walks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the four corners in order: the near line&apos;s left and right ends, then the far line&apos;s right and left ends. Drag a point to adjust it; the wheel zooms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the four corners ({n} of 4 marked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The calibration passes its checks. Expected position error at the walkway&apos;s far end: {cm:.1f} cm ({px:g} px keypoint error × {mm:.1f} mm per pixel). Check that the grid lies flat on the floor and the yellow outline on the taped rectangle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recomputing the recordings of this setup: {done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaptureDialog</name>
    <message>
        <source>Record a walk</source>
        <extracomment>Emitted with every message shown in the dialog&apos;s message line (tests listen here).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} (in {folder})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for cameras…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera found: type a device path or a stream URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to {source}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: stream, {w} x {h}, {fps:g} frames/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: camera, {w} x {h}, {fps:g} frames/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: stream, {w} x {h}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: camera, {w} x {h}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording starts in {n}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder {folder} cannot be created: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording {done:.1f} / {total:.1f} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name} ({s:.1f} s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording cancelled; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Countdown cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClipsPage</name>
    <message>
        <source>Blinded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the model&apos;s predictions and the other raters&apos; labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advance after labelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only where I differ from the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After unblinding: list only the clips whose label differs from the model&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a comment on this clip (saved when you press Enter or leave the field)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stable (S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unstable (U)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unusable (X)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Previous (P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next (N) ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue done: you have labelled every clip of this study.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your rater name above to start labelling.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} of {n} clips in this queue labelled by {rater}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} of {n} clips in this recording labelled by {rater}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n label(s) differ from the model.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommentsAndExports</name>
    <message>
        <source>Cannot save the comment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GettingStarted</name>
    <message>
        <source>Getting started</source>
        <extracomment>where the later steps open the user guide (the first place docs/user_guide.md says it)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This study has no recording yet. Five steps lead to a first screening report:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New patient…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import video…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to check the patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to read the result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to export the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the user guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Create a patient (a pseudonymous code, never a name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. Import a video of the walk, or capture one with a camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3. Check that the highlighted person is the patient; click another person to change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4. Read the result on the Analysis tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5. Export the PDF report on the Report tab.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobStatus</name>
    <message>
        <source>Where pose estimation and the stability model run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the running job (its partial results are discarded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device: {device}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device: detecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) queued</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs are still running on this study. Cancel them and switch?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs are still running on this study. Cancel them and close it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add a patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edit the patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a study first to {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study is read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot {what}: this study is {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden while you label blinded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job failed: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot show the recording</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarksPanel</name>
    <message>
        <source>rise onset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>full stand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sitting down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>arms used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incomplete stand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start (set by hand)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stance start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stance end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>support used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <extracomment>Called for the player&apos;s current frame times (they are known once the video is opened).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ 1 frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected mark one frame earlier ([)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 frame ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected mark one frame later (])</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected mark; the values are recomputed without it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected mark&apos;s time; type a time and press Enter to move it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This recording&apos;s report: protocol, events, times, points, corrections by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>examiner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No chair-stand or balance analysis for this recording.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Five-times chair stand: {n} mark(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance stands: {n} mark(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not scored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time {t} s over {n} stand(s); SPPB chair-stand points: {p}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold times: {holds}; SPPB balance points: {p}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrected by hand ({who}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set your name (File → Rater name…) before correcting marks: every correction names its examiner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved; the change is in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF written: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the recording&apos;s PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatientDialog</name>
    <message>
        <source>A patient with the code {code} already exists in this study.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth year {year} is in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pseudonymous code, e.g. P-0012 (never a name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clinical notes (no names or other identifying data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth year:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sex:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot add the patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot change the patient</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit the page to the window&apos;s width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF preview needs the Qt PDF module, which is not installed. Export PDF still writes the report and opens it in your PDF viewer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF could not be rendered for the preview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlayerControls</name>
    <message>
        <source>Previous frame (←)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next frame (→)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skeleton</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw the subject&apos;s skeleton</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Others</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw the other persons, faint, with their track ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the video: skeletons on a blank background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frame {i} / {last} · {t} s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlayerWidget</name>
    <message>
        <source>no video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frame {i} / {last} · {t} s</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinician notes (observations, context, other test results)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conclusion and next step, e.g. refer for grip strength and DXA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the study&apos;s reports folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder the PDF is saved in (remembered for this study)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the PDF after export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the PDF report, store it in the study and open it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not analysed yet. Analyse the recording (Ctrl+R) before writing its report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) exported before; latest: {path} ({date}).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>date unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The analysis of this recording cannot be read: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The study is open read-only (another GaitScreen is using it), so reports cannot be saved into it now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be written: {error}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {path} (sha256 {sha}…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It cannot be opened: the file is not there any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It could not be opened: no PDF viewer is set up on this computer; open it from its folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupsDialog</name>
    <message>
        <source>Camera setups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walking direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change calibration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{m:g} m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>± {cm:.1f} cm</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Used by %n recording(s): give them another setup first.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Delete camera setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the camera setup {name}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename camera setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recomputed: {which}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No setup (not calibrated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which camera setup was this recording made with?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera setups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a study first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera setup…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpeedEntry</name>
    <message>
        <source>Walkway length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The distance the patient walked, from the start line to the end line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute speed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudyNavigator</name>
    <message>
        <source>%n report(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search patients…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open latest report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename recording…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete recording…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename patient…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete patient…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last failure: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not assessable: a protocol check failed (see the Analysis tab).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No study open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No patients yet: Patient → New patient…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No patient matches the search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a patient to see their recordings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recordings: import a video (drag it here) or capture one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudySession</name>
    <message>
        <source>read-only: its database is damaged; export what you need, then restore a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read-only: open in another GaitScreen window ({holder})</source>
        <translation type="unfinished"></translation>
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
    <name>UserGuideView</name>
    <message>
        <source>GaitScreen user guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user guide was not found at {path}. Reinstall GaitScreen, or read docs/user_guide.md in its source.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>View3dDock</name>
    <message>
        <source>3-D view</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitCompareDialog</name>
    <message>
        <source>Visits {first} and {second}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Edit visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New visit / measurements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date (YYYY-MM-DD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (HH:MM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dynamometer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ASM method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ASM device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SARC-F {item}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitsDialog</name>
    <message>
        <source>Visit report…</source>
        <translation>就診報告…</translation>
    </message>
    <message>
        <source>Write the selected visit's assessment report (PDF)</source>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New visit / measurements…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare two visits…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select two visits to see them side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select exactly two visits (Ctrl+click) to compare them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a patient first to see their visits.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowChart</name>
    <message>
        <source>stable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unstable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unusable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>raters differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time in the recording (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>threshold {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clip {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>raters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not classified (patient missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>counted in R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window {n}: {span}</source>
        <translation type="unfinished"></translation>
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
<context>
    <name>nav</name>
    <message>
        <source>No PDF viewer opened {path}; open it from the study&apos;s reports folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pseudonymous code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the recording {name} with its {reports} report(s) and {labels} label(s)? Its files go to the study&apos;s trash folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the patient {name} with {recordings} recording(s), {visits} visit(s), {reports} report(s) and {labels} label(s)? Their files go to the study&apos;s trash folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted {name}; its files are in {trash}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open latest report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename recording…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete recording…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename patient…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete patient…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Save reports in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
