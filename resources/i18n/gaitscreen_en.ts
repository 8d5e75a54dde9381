<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name></name>
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
    <message>
        <source>Rater A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rater B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cohen&apos;s κ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rater</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} · recording {id}</source>
        <translation type="unfinished"></translation>
    </message>
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
        <source>poor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moderate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>substantial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>almost perfect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kappa} ({words})</source>
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
        <source>{unstable} of 1 {rule} window unstable: record a longer walk for a result to rely on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{counts}; {other}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basis: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No risk group: the recording is not assessable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{recipe} {rule}</source>
        <comment>two sentences; no space between them in Chinese</comment>
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
        <source>{counts} (instability rate R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration {duration} · {frames} frames · patient visible {coverage} · {interpolated} frames interpolated · mean keypoint confidence {confidence} · {not_classified}</source>
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
        <source>Analyse again</source>
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
    <message numerus="yes">
        <source>%n window(s)</source>
        <translation>
            <numerusform>%n window</numerusform>
            <numerusform>%n windows</numerusform>
        </translation>
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
    <name>AnnotationTable</name>
    <message>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P(unstable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other raters</source>
        <translation type="unfinished"></translation>
    </message>
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
        <source>{label} — differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your label differs from the model&apos;s</source>
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
    <message>
        <source>camera number, /dev/video0, http://… or rtsp://…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> frames/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No setup (not calibrated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Countdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
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
        <translation>
            <numerusform>%n label differs from the model.</numerusform>
            <numerusform>%n labels differ from the model.</numerusform>
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
        <extracomment>where the later steps open the user guide: anchors (``&lt;a id=&quot;…&quot;&gt;&lt;/a&gt;``) that every ``docs/user_guide*.md`` carries at the step, so the link works in any language&apos;s guide</extracomment>
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
    <name>ImportFlow</name>
    <message>
        <source>Videos ({patterns});;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: the file does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is a folder, not a video file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not a regular file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not a video (without an extension); GaitScreen imports {kinds} files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not a video (&apos;{suffix}&apos;); GaitScreen imports {kinds} files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} cannot be read (permission denied).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is empty (0 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problems}

The other %n file(s) are being imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Videos are linked to a patient, and no patient is selected.
Create a new patient now? (Or select one in the list and import again.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No study is open: use File → Open study… first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This study is open read-only ({reason}); videos cannot be imported into it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is already in the study as {where}; no second copy was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{name}” of another patient (imported {date})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{name}” of patient {code} (imported {date})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} was not imported: {message}</source>
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
    <message>
        <source>CPU (no CUDA device)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU: {name} (CUDA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) queued</source>
        <translation>
            <numerusform>%n job queued</numerusform>
            <numerusform>%n jobs queued</numerusform>
        </translation>
    </message>
    <message>
        <source>{s} s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{m} min {s} s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{h} h {m} min left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System ({language})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the language of the operating system</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifterChoice</name>
    <message>
        <source>Choose 3-D &amp;lifter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose 3-D &amp;lifter… (now {name})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PoseFormerV2 checkpoint (e.g. 27_243_45.2.bin) that lifts poses to 3-D for models whose card declares 3-D input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the models folder&apos;s lifter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot use this lifter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the 3-D lifter (PoseFormerV2 checkpoint)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PoseFormerV2 checkpoints (*.bin *.pt *.pth);;All files (*)</source>
        <translation type="unfinished"></translation>
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
        <source>; </source>
        <comment>between the stances&apos; hold times</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{stance} {seconds} s</source>
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
        <source>F (female)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M (male)</source>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the result although a protocol check failed (a reason is required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recording follows the protocol.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A protocol check failed; the deviation was accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted deviation: {deviations}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RateRuleMenu</name>
    <message>
        <source>non-overlapping windows (the study&apos;s evaluation rule)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all stride windows (overlapping)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instability rate &amp;counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used by new analyses; stored analyses keep the rule they were made with</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Accept protocol deviation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept {codes} and show the result anyway? The reason is kept in the study&apos;s audit log and printed beside the result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (required), e.g. the walkway only allows a diagonal approach</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <source>Save reports in</source>
        <translation type="unfinished"></translation>
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
        <source>Report language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language the PDF is written in (remembered for this study)</source>
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
        <source>A chair stand or balance test has its own PDF: export it from the Marks panel (Export PDF…), with the examiner&apos;s corrections. Its SPPB points go into the visit report (Patient → Visits and measurements…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not analysed yet. Analyse the recording (Ctrl+R) before writing its report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) exported before; latest: {path} ({date}).</source>
        <translation>
            <numerusform>%n report exported before; latest: {path} ({date}).</numerusform>
            <numerusform>%n reports exported before; latest: {path} ({date}).</numerusform>
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
    <name>RestoreFlow</name>
    <message>
        <source>Restore backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The study was not opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a study first to restore one of its backups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The study {folder} has no backups yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups of {study}, newest first:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the study&apos;s database with the backup of {backup}?

The study is closed, its current database is moved to the study&apos;s trash folder (nothing is deleted) and the study reopens with the backup&apos;s patients, recordings and labels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The study is still in use by a background job; try again when it has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored the backup of {backup}</source>
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
        <translation>
            <numerusform>Used by %n recording: give it another setup first.</numerusform>
            <numerusform>Used by %n recordings: give them another setup first.</numerusform>
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
        <source>Recomputed %n recording(s) with the new calibration.</source>
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
    <name>SkeletonView3D</name>
    <message>
        <source>Drag sideways to turn the patient</source>
        <extracomment>Degrees of yaw per pixel dragged.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn the view about the vertical axis (degrees)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifted to 3-D by {lifter}</source>
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
        <source>F</source>
        <comment>female (short, in the patients list)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M</source>
        <comment>male (short, in the patients list)</comment>
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
        <source>{width}×{height}, {fps} fps, sha256 {sha}</source>
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
    <message>
        <source>pose ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pose –</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>analysed ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>analysed ✓ ⚠ not assessable: film again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>analysed ✓ R {rate}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not analysed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>my labels {n}/{m}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labels {n}/{m}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ failed</source>
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
    <message>
        <source>No study open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{study} — GaitScreen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study: {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{study} — GaitScreen [{notice}]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study: {folder}  ·  {notice}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubjectChoiceBar</name>
    <message>
        <source>Re-analyse with this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the current patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make person {track} the patient in this video? Their pose is estimated again and the recording re-analysed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainDialog</name>
    <message>
        <source>Balanced accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n window(s)</source>
        <translation type="unfinished">%n window</translation>
    </message>
    <message>
        <source>? windows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model {name} {version}: trained on {clips} clips ({unstable} unstable) of {patients} patients, {windows}; raters {raters}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folds}-fold subject-level cross-validation, mean ± SD across folds (per window):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Per clip ROC-AUC: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out for a tie between raters ({count}): {clips}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out as unusable: {count} clips.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tuned from {name} (sha256 {sha}); head {head}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written to {path} with its model card; not clinically validated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train model from labels</source>
        <extracomment>The role of a *Start from* item&apos;s kind: (&quot;active&quot;, name, version), (&quot;random&quot;,), (&quot;other&quot;,) or (&quot;checkpoint&quot;, file name); its text is made from it in the current language.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-validation folds (by patient)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tune from a checkpoint (its size is used) or train from random weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compact SkateFormer (CPU-friendly)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SkateFormer, the published configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clips with a stable/unstable majority of the raters&apos; labels are used; ties and clips judged unusable are left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active model: {name} {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random weights (train from scratch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other checkpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints (*.pt *.pth *.bin);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the checkpoint started from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the engine…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training failed: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training cancelled; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make the model active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} {version} is now the active model; later analyses use it and name it in their reports.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrendView</name>
    <message>
        <source>No other analysed recording of this patient yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{date}: no result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{date}: R = {percent} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits: {visits}</source>
        <translation type="unfinished"></translation>
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
    <name>VisitCompare</name>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gait speed (assessment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grip strength, best</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calf circumference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SARC-F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SPPB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Five-times chair stand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ASM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instability rate R (research measure)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sway range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sway SD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arm abduction, max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Foot deviation, max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trunk lean, max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cadence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step time, mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step time CV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWGS 2019</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EWGSOP2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitCompareDialog</name>
    <message>
        <source>Visits {first} and {second}</source>
        <extracomment>Rows whose values are stored English words (the JSON&apos;s data), worded where shown.</extracomment>
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
        <source>strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assistance in walking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rise from a chair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>climb stairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>falls</source>
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
    <message>
        <source>Grip right (kg, trials separated by commas)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grip left (kg, trials separated by commas)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calf circumference (cm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ASM (kg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height at the visit (cm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Five-times chair stand, timed by hand (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SPPB score, entered (0-12)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitsDialog</name>
    <message>
        <source>Save the visit report</source>
        <translation type="unfinished"></translation>
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
        <source>Visit report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the selected visit&apos;s assessment report (PDF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language the visit report is written in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select exactly two visits (Ctrl+click) to compare them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a visit to write its report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The visit report was not written: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {path}.</source>
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
    <name>WindowActions</name>
    <message>
        <source>&lt;b&gt;GaitScreen {version}&lt;/b&gt;&lt;br&gt;Sarcopenia risk screening from a video of tandem walking.&lt;br&gt;&lt;br&gt;Licence: GNU Affero General Public License v3.0 or later (AGPL-3.0-or-later).&lt;br&gt;&lt;br&gt;&lt;b&gt;Not a medical device.&lt;/b&gt; The bundled stability model is trained on &lt;i&gt;synthetic&lt;/i&gt; skeletons, not on patients: it demonstrates the workflow and is not a validated clinical model. Train on rater-annotated clips or load a validated checkpoint for real use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About GaitScreen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New study…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a study in a new folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open study…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an existing study folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import video…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import one or more videos for the selected patient (or drop them on the window)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Capture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a walk with a camera for the selected patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy imported videos into the study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: the study refers to the video where it is (it must stay there)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyse recordings after import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue pose estimation and screening as soon as a video is imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore &amp;backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the study&apos;s database with one of its automatic backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rater name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name as it appears on labels and reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New patient…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a patient (pseudonymous code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit patient…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the selected patient&apos;s data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Visits and measurements…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected patient&apos;s visits: add a visit and its manual measurements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Analyse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimate the pose and screen the selected recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyse &amp;all of this patient&apos;s recordings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue every recording of the selected patient that has no analysis yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the selected recording&apos;s screening report (PDF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Privacy view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the video picture (skeletons only), e.g. while sharing the screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to screen a patient with GaitScreen, step by step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About GaitScreen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent studies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report export arrives with the Report panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New study: choose an empty folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open study folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rater name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name (shown on labels and reports):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A recording belongs to a patient, and no patient is selected.
Create a new patient now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The capture dialog could not start: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>analyse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to analyse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every recording of this patient has an analysis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change the patient in this video</source>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported {count} clips to {folder} ({csv}; no clip had a usable consensus).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out for a tie between raters: {clips}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not written: {files}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
