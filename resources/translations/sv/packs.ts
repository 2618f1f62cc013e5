<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
  <context>
    <name>MainWindow</name>
    <message>
      <source>Review &amp;pack…</source>
      <translation>&amp;Uppföljningsrapport…</translation>
    </message>
  </context>
  <context>
    <name>PackDialog</name>
    <message>
      <source>Review pack</source>
      <translation>Uppföljningsrapport</translation>
    </message>
    <message>
      <source>Scope</source>
      <translation>Omfattning</translation>
    </message>
    <message>
      <source>Period</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Datum</translation>
    </message>
    <message>
      <source>Create</source>
      <translation>Skapa</translation>
    </message>
  </context>
  <context>
    <name>PackPreview</name>
    <message>
      <source>Review pack – print preview</source>
      <translation>Uppföljningsrapport – förhandsgranskning</translation>
    </message>
    <message>
      <source>Save as PDF…</source>
      <translation>Spara som PDF…</translation>
    </message>
    <message>
      <source>Save as PDF</source>
      <translation>Spara som PDF</translation>
    </message>
    <message>
      <source>The file could not be saved: %1</source>
      <translation>Filen kunde inte sparas: %1</translation>
    </message>
  </context>
  <context>
    <name>PackRunner</name>
    <message>
      <source>Creating the review pack…</source>
      <translation>Uppföljningsrapporten skapas…</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Avbryt</translation>
    </message>
  </context>
</TS>
