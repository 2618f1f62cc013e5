<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
  <context>
    <name>SyncDialog</name>
    <message>
      <source>Synchronise</source>
      <translation>Synkronisera</translation>
    </message>
    <message>
      <source>Synchronise now</source>
      <translation>Synkronisera nu</translation>
    </message>
    <message>
      <source>Conflicts waiting for a decision</source>
      <translation>Konflikter som väntar på beslut</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>Fält</translation>
    </message>
    <message>
      <source>Mine</source>
      <translation>Min version</translation>
    </message>
    <message>
      <source>Theirs</source>
      <translation>Deras version</translation>
    </message>
    <message>
      <source>Keep mine</source>
      <translation>Behåll min</translation>
    </message>
    <message>
      <source>Keep theirs</source>
      <translation>Behåll deras</translation>
    </message>
    <message>
      <source>This file is not a checkout of a regional database.</source>
      <translation>Den här filen är ingen utcheckning från regionens databas.</translation>
    </message>
    <message>
      <source>never</source>
      <translation>aldrig</translation>
    </message>
    <message>
      <source>Checked out from %1. Last synchronised: %2. Changes waiting: %3.</source>
      <translation>Utcheckad från %1. Senast synkroniserad: %2. Ändringar som väntar: %3.</translation>
    </message>
    <message>
      <source>(deleted)</source>
      <translation>(borttagen)</translation>
    </message>
    <message>
      <source>Synchronising…</source>
      <translation>Synkroniserar…</translation>
    </message>
    <message>
      <source>%1 changes sent, %2 received, %3 merged; %4 conflicts wait.</source>
      <translation>%1 ändringar skickade, %2 hämtade, %3 sammanfogade; %4 konflikter väntar.</translation>
    </message>
    <message>
      <source>Refused by the server (kept here): %1</source>
      <translation>Nekat av servern (behålls här): %1</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>S&amp;ynchronise…</source>
      <translation>S&amp;ynkronisera…</translation>
    </message>
  </context>
</TS>
