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
</TS>
