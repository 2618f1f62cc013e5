<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
  <context>
    <name>WindowManager</name>
    <message>
      <source>Styrkort starts with example data. Which organisation do you want to explore?</source>
      <translation>Styrkort startar med exempeldata. Vilken organisation vill du utforska?</translation>
    </message>
    <message>
      <source>Example region</source>
      <translation>Exempelregionen</translation>
    </message>
    <message>
      <source>Example municipality</source>
      <translation>Exempelkommunen</translation>
    </message>
  </context>
</TS>
