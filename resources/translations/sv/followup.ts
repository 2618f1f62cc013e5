<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
  <context>
    <name>AssessmentPanel</name>
    <message>
      <source>&amp;Save assessment</source>
      <translation>&amp;Spara bedömning</translation>
    </message>
    <message>
      <source>Actions</source>
      <translation>Åtgärder</translation>
    </message>
    <message>
      <source>Agreed actions</source>
      <translation>Överenskomna åtgärder</translation>
    </message>
    <message>
      <source>All assessments and dialogue meetings of this goal in the period</source>
      <translation>Alla bedömningar och dialogmöten om målet under perioden</translation>
    </message>
    <message>
      <source>Analysis</source>
      <translation>Analys</translation>
    </message>
    <message>
      <source>Cites dialogue meetings</source>
      <translation>Hänvisar till dialogmöten</translation>
    </message>
    <message>
      <source>Computed (no manual assessment)</source>
      <translation>Beräknad (ingen manuell bedömning)</translation>
    </message>
    <message>
      <source>Computed status</source>
      <translation>Beräknad status</translation>
    </message>
    <message>
      <source>Dialogue meeting</source>
      <translation>Dialogmöte</translation>
    </message>
    <message>
      <source>Justification</source>
      <translation>Motivering</translation>
    </message>
    <message>
      <source>Last written by %1, %2</source>
      <translation>Senast skrivet av %1, %2</translation>
    </message>
    <message>
      <source>Manual assessment</source>
      <translation>Manuell bedömning</translation>
    </message>
    <message>
      <source>New dialogue &amp;meeting…</source>
      <translation>Nytt &amp;dialogmöte…</translation>
    </message>
    <message>
      <source>Nothing written yet.</source>
      <translation>Inget skrivet ännu.</translation>
    </message>
    <message>
      <source>Participants</source>
      <translation>Deltagare</translation>
    </message>
    <message>
      <source>Required for a manual assessment</source>
      <translation>Krävs för en manuell bedömning</translation>
    </message>
    <message>
      <source>What we learned</source>
      <translation>Vad vi lärde oss</translation>
    </message>
    <message>
      <source>Whole organisation</source>
      <translation>Hela organisationen</translation>
    </message>
  </context>
  <context>
    <name>AttentionPanel</name>
    <message numerus="yes">
      <source>%n indicator(s)</source>
      <translation>
        <numerusform>%n indikator</numerusform>
        <numerusform>%n indikatorer</numerusform>
      </translation>
    </message>
    <message>
      <source>Goals resting on one indicator or none</source>
      <translation>Mål som vilar på en eller ingen indikator</translation>
    </message>
    <message>
      <source>Units and providers that have not reported for the period</source>
      <translation>Enheter och utförare som inte har rapporterat för perioden</translation>
    </message>
  </context>
  <context>
    <name>ChartPanel</name>
    <message>
      <source>Indicator</source>
      <translation>Indikator</translation>
    </message>
    <message>
      <source>Not reported: %1</source>
      <translation>Har inte rapporterat: %1</translation>
    </message>
    <message>
      <source>Over time</source>
      <translation>Över tid</translation>
    </message>
    <message>
      <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
      <translation>PNG-bild (*.png);;SVG-bild (*.svg);;PDF-dokument (*.pdf)</translation>
    </message>
    <message>
      <source>Providers</source>
      <translation>Utförare</translation>
    </message>
    <message>
      <source>Save &amp;as…</source>
      <translation>Spara &amp;som…</translation>
    </message>
    <message>
      <source>Save chart</source>
      <translation>Spara diagram</translation>
    </message>
    <message>
      <source>Spread</source>
      <translation>Spridning</translation>
    </message>
  </context>
  <context>
    <name>FollowUpCommands</name>
    <message>
      <source>Add dialogue meeting</source>
      <translation>Lägg till dialogmöte</translation>
    </message>
    <message>
      <source>Change roll-up rule</source>
      <translation>Ändra sammanvägningsregel</translation>
    </message>
    <message>
      <source>Copy targets %1 → %2</source>
      <translation>Kopiera målvärden %1 → %2</translation>
    </message>
    <message>
      <source>Enter result</source>
      <translation>Registrera utfall</translation>
    </message>
    <message>
      <source>Save assessment</source>
      <translation>Spara bedömning</translation>
    </message>
    <message>
      <source>Set target</source>
      <translation>Ange målvärde</translation>
    </message>
    <message>
      <source>Set tolerance</source>
      <translation>Ange tolerans</translation>
    </message>
  </context>
  <context>
    <name>FollowUpPage</name>
    <message>
      <source>&amp;Targets…</source>
      <translation>&amp;Målvärden…</translation>
    </message>
    <message>
      <source>&amp;Why this status?</source>
      <translation>&amp;Varför denna status?</translation>
    </message>
    <message>
      <source>Analysis and actions</source>
      <translation>Analys och åtgärder</translation>
    </message>
    <message>
      <source>Charts</source>
      <translation>Diagram</translation>
    </message>
    <message>
      <source>Follow-up</source>
      <translation>Uppföljning</translation>
    </message>
    <message>
      <source>Goals with status</source>
      <translation>Mål med status</translation>
    </message>
    <message>
      <source>Needs attention</source>
      <translation>Behöver uppmärksamhet</translation>
    </message>
    <message>
      <source>Period</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>Results</source>
      <translation>Utfall</translation>
    </message>
    <message>
      <source>Roll-up rule</source>
      <translation>Sammanvägning</translation>
    </message>
    <message>
      <source>Scope</source>
      <translation>Omfattning</translation>
    </message>
    <message>
      <source>Weighted share met</source>
      <translation>Viktad andel uppfyllt</translation>
    </message>
    <message>
      <source>Whole organisation</source>
      <translation>Hela organisationen</translation>
    </message>
    <message>
      <source>Why this status?</source>
      <translation>Varför denna status?</translation>
    </message>
    <message>
      <source>Worst underlying status</source>
      <translation>Sämsta underliggande status</translation>
    </message>
  </context>
  <context>
    <name>FollowUpTreeModel</name>
    <message>
      <source> (manual)</source>
      <translation> (manuell)</translation>
    </message>
    <message>
      <source>Goal</source>
      <translation>Mål</translation>
    </message>
    <message>
      <source>Score</source>
      <translation>Poäng</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Trend</source>
      <translation>Trend</translation>
    </message>
    <message>
      <source>improving</source>
      <translation>förbättras</translation>
    </message>
    <message>
      <source>unchanged</source>
      <translation>oförändrad</translation>
    </message>
    <message>
      <source>worsening</source>
      <translation>försämras</translation>
    </message>
  </context>
  <context>
    <name>MeetingDialog</name>
    <message>
      <source>Agreed actions</source>
      <translation>Överenskomna åtgärder</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Datum</translation>
    </message>
    <message>
      <source>New dialogue meeting</source>
      <translation>Nytt dialogmöte</translation>
    </message>
    <message>
      <source>Participants</source>
      <translation>Deltagare</translation>
    </message>
    <message>
      <source>Unit or provider</source>
      <translation>Enhet eller utförare</translation>
    </message>
    <message>
      <source>What we learned</source>
      <translation>Vad vi lärde oss</translation>
    </message>
  </context>
  <context>
    <name>ProviderComparisonChart</name>
    <message>
      <source>External provider (dashed outline)</source>
      <translation>Extern utförare (streckad kant)</translation>
    </message>
    <message>
      <source>In-house (solid outline)</source>
      <translation>Egen regi (hel kant)</translation>
    </message>
    <message>
      <source>Target</source>
      <translation>Målvärde</translation>
    </message>
    <message>
      <source>late</source>
      <translation>sent inrapporterat</translation>
    </message>
    <message>
      <source>target</source>
      <translation>målvärde</translation>
    </message>
  </context>
  <context>
    <name>ResultsPanel</name>
    <message numerus="yes">
      <source>%n row(s). Italic values were entered late. Numbers like 1 234,5.</source>
      <translation>
        <numerusform>%n rad. Kursiva värden rapporterades in sent. Tal skrivs som 1 234,5.</numerusform>
        <numerusform>%n rader. Kursiva värden rapporterades in sent. Tal skrivs som 1 234,5.</numerusform>
      </translation>
    </message>
    <message>
      <source>All committees</source>
      <translation>Alla nämnder</translation>
    </message>
    <message>
      <source>All provider types</source>
      <translation>Alla utförartyper</translation>
    </message>
    <message>
      <source>All service areas</source>
      <translation>Alla verksamheter</translation>
    </message>
    <message>
      <source>Committee</source>
      <translation>Nämnd</translation>
    </message>
    <message>
      <source>Provider type</source>
      <translation>Utförartyp</translation>
    </message>
    <message>
      <source>Service area</source>
      <translation>Verksamhet</translation>
    </message>
    <message>
      <source>The result could not be saved.</source>
      <translation>Utfallet kunde inte sparas.</translation>
    </message>
  </context>
  <context>
    <name>ResultsTableModel</name>
    <message>
      <source>Entered late (after the period was closed)</source>
      <translation>Sent inrapporterat (efter att perioden stängts)</translation>
    </message>
    <message>
      <source>Indicator</source>
      <translation>Indikator</translation>
    </message>
    <message>
      <source>Provider type</source>
      <translation>Utförartyp</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Target</source>
      <translation>Målvärde</translation>
    </message>
    <message>
      <source>Unit</source>
      <translation>Enhet</translation>
    </message>
  </context>
  <context>
    <name>SpreadChart</name>
    <message>
      <source>Target</source>
      <translation>Målvärde</translation>
    </message>
  </context>
  <context>
    <name>TargetsDialog</name>
    <message>
      <source>All units</source>
      <translation>Alla enheter</translation>
    </message>
    <message>
      <source>Copy a year's targets forward (existing targets are kept)</source>
      <translation>Kopiera ett års målvärden framåt (befintliga målvärden behålls)</translation>
    </message>
    <message>
      <source>Copy year's targets</source>
      <translation>Kopiera årets målvärden</translation>
    </message>
    <message>
      <source>From</source>
      <translation>Från</translation>
    </message>
    <message>
      <source>Indicator</source>
      <translation>Indikator</translation>
    </message>
    <message>
      <source>Not a number: %1</source>
      <translation>Inte ett tal: %1</translation>
    </message>
    <message>
      <source>Not saved.</source>
      <translation>Inte sparat.</translation>
    </message>
    <message>
      <source>Set a target</source>
      <translation>Ange ett målvärde</translation>
    </message>
    <message>
      <source>Set target</source>
      <translation>Ange målvärde</translation>
    </message>
    <message>
      <source>Set tolerance</source>
      <translation>Ange tolerans</translation>
    </message>
    <message>
      <source>Targets</source>
      <translation>Målvärden</translation>
    </message>
    <message>
      <source>Tolerance (partly met)</source>
      <translation>Tolerans (delvis uppfyllt)</translation>
    </message>
    <message>
      <source>to</source>
      <translation>till</translation>
    </message>
  </context>
  <context>
    <name>TargetsTableModel</name>
    <message>
      <source>All units</source>
      <translation>Alla enheter</translation>
    </message>
    <message>
      <source>For</source>
      <translation>Gäller</translation>
    </message>
    <message>
      <source>Period</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>Target</source>
      <translation>Målvärde</translation>
    </message>
  </context>
  <context>
    <name>TimeSeriesChart</name>
    <message>
      <source>Target</source>
      <translation>Målvärde</translation>
    </message>
    <message>
      <source>target</source>
      <translation>målvärde</translation>
    </message>
  </context>
  <context>
    <name>WhyDialog</name>
    <message>
      <source>Why this status?</source>
      <translation>Varför denna status?</translation>
    </message>
  </context>
  <context>
    <name>_ChartBase</name>
    <message>
      <source>Target</source>
      <translation>Målvärde</translation>
    </message>
  </context>
  <context>
    <name>FollowUpModels</name>
    <message>
      <source>Not a number: %1</source>
      <translation>Inte ett tal: %1</translation>
    </message>
  </context>
</TS>
