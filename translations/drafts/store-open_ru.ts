<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>MainWindow</name>
    <message>
      <source>Opening {file}…</source>
      <translation>Открывается {file}…</translation>
    </message>
    <message>
      <source>Opening {file}: another program is writing to it. It opens as soon as that program is done.</source>
      <translation>Открывается {file}: в него сейчас пишет другая программа. Он откроется, как только она закончит.</translation>
    </message>
  </context>
</TS>
