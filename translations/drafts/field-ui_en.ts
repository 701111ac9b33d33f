<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>WindowJobs</name>
    <message numerus="yes">
        <source>%n row(s) of the file are invalid, so nothing was imported. Fix them in the file, or import again with “{option}” ticked. The rows and the reasons are in the details.</source>
        <translation>
            <numerusform>%n row of the file is invalid, so nothing was imported. Fix it in the file, or import again with “{option}” ticked. The row and the reason are in the details.</numerusform>
            <numerusform>%n rows of the file are invalid, so nothing was imported. Fix them in the file, or import again with “{option}” ticked. The rows and the reasons are in the details.</numerusform>
        </translation>
    </message>
</context>
</TS>
