<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
  <context>
    <name>WindowJobs</name>
    <message numerus="yes">
      <source>%n feature(s) already there were updated.</source>
      <translation>
        <numerusform>%n feature already there was updated.</numerusform>
        <numerusform>%n features already there were updated.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n row(s) were already in the store as they are in the file.</source>
      <translation>
        <numerusform>%n row was already in the store as it is in the file.</numerusform>
        <numerusform>%n rows were already in the store as they are in the file.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n feature(s) could not be written.</source>
      <translation>
        <numerusform>%n feature could not be written.</numerusform>
        <numerusform>%n features could not be written.</numerusform>
      </translation>
    </message>
  </context>
</TS>
