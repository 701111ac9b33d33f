<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>MainWindow</name>
    <message>
      <source>Saving your edits… the window closes when they are written.</source>
      <translation>Ваши правки сохраняются… окно закроется, когда они будут записаны.</translation>
    </message>
  </context>
</TS>
