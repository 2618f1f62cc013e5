<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
  <context>
    <name>GoalCommands</name>
    <message>
      <source>Delete goals</source>
      <translation>Ta bort mål</translation>
    </message>
    <message>
      <source>Edit goal</source>
      <translation>Ändra mål</translation>
    </message>
    <message>
      <source>Indent goal</source>
      <translation>Flytta in mål en nivå</translation>
    </message>
    <message>
      <source>Link indicator</source>
      <translation>Koppla indikator</translation>
    </message>
    <message>
      <source>Move goals</source>
      <translation>Flytta mål</translation>
    </message>
    <message>
      <source>New goal</source>
      <translation>Nytt mål</translation>
    </message>
    <message>
      <source>Outdent goal</source>
      <translation>Flytta ut mål en nivå</translation>
    </message>
    <message>
      <source>Reorder goal</source>
      <translation>Ändra ordning på mål</translation>
    </message>
    <message>
      <source>Unlink indicator</source>
      <translation>Koppla bort indikator</translation>
    </message>
  </context>
</TS>
