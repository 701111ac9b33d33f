<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
  <context>
    <name>MainWindow</name>
    <message>
      <source>Saving your edits… the window closes when they are written.</source>
      <translation>Түзетулеріңіз сақталуда… олар жазылғанда терезе жабылады.</translation>
    </message>
  </context>
</TS>
