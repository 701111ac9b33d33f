<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
  <context>
    <name>ConflictsPanel</name>
    <message numerus="yes">
      <source>%n open conflict(s). Double-click one to settle it.</source>
      <translation>
        <numerusform>%n open conflict. Double-click it to settle it.</numerusform>
        <numerusform>%n open conflicts. Double-click one to settle it.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>HistoryPanel</name>
    <message numerus="yes">
      <source>%n field(s) changed</source>
      <translation>
        <numerusform>%n field changed</numerusform>
        <numerusform>%n fields changed</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>{layer}: %n revision(s) on the server</source>
      <translation>
        <numerusform>{layer}: %n revision on the server</numerusform>
        <numerusform>{layer}: %n revisions on the server</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ReviewPanel</name>
    <message numerus="yes">
      <source>%n feature(s) created or changed by others.</source>
      <translation>
        <numerusform>%n feature created or changed by others.</numerusform>
        <numerusform>%n features created or changed by others.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>SyncActions</name>
    <message numerus="yes">
      <source>%n conflict(s) to settle: see the Conflicts panel.</source>
      <translation>
        <numerusform>%n conflict to settle: see the Conflicts panel.</numerusform>
        <numerusform>%n conflicts to settle: see the Conflicts panel.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>The server refused %n edit(s): see the Conflicts panel.</source>
      <translation>
        <numerusform>The server refused %n edit: see the Conflicts panel.</numerusform>
        <numerusform>The server refused %n edits: see the Conflicts panel.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n edit(s) wait for the next sync.</source>
      <translation>
        <numerusform>%n edit waits for the next sync.</numerusform>
        <numerusform>%n edits wait for the next sync.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Every %n minute(s)</source>
      <translation>
        <numerusform>Every %n minute</numerusform>
        <numerusform>Every %n minutes</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>SyncTexts</name>
    <message numerus="yes">
      <source>%n change(s) to send</source>
      <translation>
        <numerusform>%n change to send</numerusform>
        <numerusform>%n changes to send</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Sending %n change(s)…</source>
      <translation>
        <numerusform>Sending %n change…</numerusform>
        <numerusform>Sending %n changes…</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>No connection: your %n edit(s) are safe on this computer and will be sent next time.</source>
      <translation>
        <numerusform>No connection: your %n edit is safe on this computer and will be sent next time.</numerusform>
        <numerusform>No connection: your %n edits are safe on this computer and will be sent next time.</numerusform>
      </translation>
    </message>
  </context>
</TS>