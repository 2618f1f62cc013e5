<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Your name</source>
      <translation>Ditt namn</translation>
    </message>
    <message>
      <source>Recorded with every change in the change log, beside the computer user name.</source>
      <translation>Sparas med varje ändring i ändringsloggen, tillsammans med användarnamnet på datorn.</translation>
    </message>
  </context>
  <context>
    <name>AsOfDialog</name>
    <message>
      <source>As it was on</source>
      <translation>Som det var den</translation>
    </message>
    <message>
      <source>Indicator</source>
      <translation>Indikator</translation>
    </message>
    <message>
      <source>Period</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>Show as it was on …</source>
      <translation>Visa som det var den …</translation>
    </message>
    <message>
      <source>Status now</source>
      <translation>Status i dag</translation>
    </message>
    <message>
      <source>Status on %1: %2 · today: %3</source>
      <translation>Status den %1: %2 · i dag: %3</translation>
    </message>
    <message>
      <source>Status then</source>
      <translation>Status då</translation>
    </message>
    <message>
      <source>Target now</source>
      <translation>Målvärde i dag</translation>
    </message>
    <message>
      <source>Target then</source>
      <translation>Målvärde då</translation>
    </message>
    <message>
      <source>There are no periods yet.</source>
      <translation>Det finns inga perioder ännu.</translation>
    </message>
    <message>
      <source>Value now</source>
      <translation>Utfall i dag</translation>
    </message>
    <message>
      <source>Value then</source>
      <translation>Utfall då</translation>
    </message>
  </context>
  <context>
    <name>ChangeLogPage</name>
    <message>
      <source>%1 holds no checksum of the change log.</source>
      <translation>%1 innehåller ingen kontrollsumma för ändringsloggen.</translation>
    </message>
    <message>
      <source>Change log</source>
      <translation>Ändringslogg</translation>
    </message>
    <message>
      <source>Compare a report with today</source>
      <translation>Jämför en rapport med i dag</translation>
    </message>
    <message>
      <source>Compare a report with today…</source>
      <translation>Jämför en rapport med i dag …</translation>
    </message>
    <message>
      <source>Everything</source>
      <translation>Allt</translation>
    </message>
    <message>
      <source>Reports and exports (*.pdf *.xlsx *.csv *.txt)</source>
      <translation>Rapporter och exporter (*.pdf *.xlsx *.csv *.txt)</translation>
    </message>
    <message>
      <source>Show</source>
      <translation>Visa</translation>
    </message>
  </context>
  <context>
    <name>DetailPanel</name>
    <message>
      <source>Change log…</source>
      <translation>Ändringslogg …</translation>
    </message>
    <message>
      <source>Double-click an indicator to see its change log.</source>
      <translation>Dubbelklicka på en indikator för att se dess ändringslogg.</translation>
    </message>
    <message>
      <source>Show as it was on …</source>
      <translation>Visa som det var den …</translation>
    </message>
  </context>
  <context>
    <name>HistoryDialog</name>
    <message>
      <source>Change log</source>
      <translation>Ändringslogg</translation>
    </message>
    <message>
      <source>Change log – import %1</source>
      <translation>Ändringslogg – import %1</translation>
    </message>
  </context>
  <context>
    <name>HistoryModel</name>
    <message>
      <source>Change</source>
      <translation>Ändring</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>Fält</translation>
    </message>
    <message>
      <source>New value</source>
      <translation>Nytt värde</translation>
    </message>
    <message>
      <source>Object</source>
      <translation>Objekt</translation>
    </message>
    <message>
      <source>Old value</source>
      <translation>Tidigare värde</translation>
    </message>
    <message>
      <source>Summary</source>
      <translation>Sammanfattning</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>Tid</translation>
    </message>
    <message>
      <source>User</source>
      <translation>Användare</translation>
    </message>
  </context>
  <context>
    <name>HistoryView</name>
    <message numerus="yes">
      <source>%n change(s)</source>
      <translation>
        <numerusform>%n ändring</numerusform>
        <numerusform>%n ändringar</numerusform>
      </translation>
    </message>
    <message>
      <source>All changes</source>
      <translation>Alla ändringar</translation>
    </message>
    <message>
      <source>Everyone</source>
      <translation>Alla användare</translation>
    </message>
    <message>
      <source>From</source>
      <translation>Från</translation>
    </message>
    <message>
      <source>Period, e.g. 2025T2</source>
      <translation>Period, t.ex. 2025T2</translation>
    </message>
    <message>
      <source>To</source>
      <translation>Till</translation>
    </message>
    <message>
      <source>User</source>
      <translation>Användare</translation>
    </message>
  </context>
  <context>
    <name>SinceReportDialog</name>
    <message>
      <source>Audit entries</source>
      <translation>Loggposter</translation>
    </message>
    <message>
      <source>Changed since the report</source>
      <translation>Ändrat sedan rapporten</translation>
    </message>
    <message>
      <source>In the report</source>
      <translation>I rapporten</translation>
    </message>
    <message>
      <source>Today</source>
      <translation>I dag</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>Värde</translation>
    </message>
  </context>
</TS>
