<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
  <context>
    <name>MainWindow</name>
    <message>
      <source>Opening {file}…</source>
      <translation>{file} ашылуда…</translation>
    </message>
    <message>
      <source>Opening {file}: another program is writing to it. It opens as soon as that program is done.</source>
      <translation>{file} ашылуда: оған басқа бағдарлама жазып жатыр. Ол бағдарлама жұмысын аяқтаған бойда ашылады.</translation>
    </message>
  </context>
</TS>
