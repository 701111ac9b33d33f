<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
    <context>
        <name>DomainMessages</name>
        <message>
            <source>--set takes FIELD=VALUE, not {text!r}.</source>
            <translation>--set ӨРІС=МӘН түрінде беріледі; {text!r} емес.</translation>
        </message>
        <message>
            <source>--udp takes HOST:PORT, not {text}.</source>
            <translation>--udp ХОСТ:ПОРТ түрінде беріледі; {text} емес.</translation>
        </message>
        <message>
            <source>A replay speed is a number above 0 (1 = as recorded) or max, not {speed}.</source>
            <translation>Ойнату жылдамдығы — 0-ден үлкен сан (1 = жазылғандай) немесе max; {speed} емес.</translation>
        </message>
        <message>
            <source>Average at least 1 fix, not {target}.</source>
            <translation>Кемінде 1 GPS өлшемін орташалау керек; {target} емес.</translation>
        </message>
        <message>
            <source>Choose a GPS source: gpsd, serial:///dev/ttyUSB0, tcp://HOST:PORT, udp://:PORT or a log file.</source>
            <translation>GPS көзін таңдаңыз: gpsd, serial:///dev/ttyUSB0, tcp://ХОСТ:ПОРТ, udp://:ПОРТ немесе журнал файлы.</translation>
        </message>
        <message>
            <source>Give either --tcp PORT or --udp HOST:PORT.</source>
            <translation>--tcp ПОРТ немесе --udp ХОСТ:ПОРТ параметрлерінің біреуін ғана беріңіз.</translation>
        </message>
        <message>
            <source>No GPS fix to average: wait until the receiver has a position.</source>
            <translation>Орташалайтын GPS өлшемі жоқ: қабылдағыш орынды анықтағанша күтіңіз.</translation>
        </message>
        <message>
            <source>Only {got} of {wanted} fixes came from {source}; nothing was averaged.</source>
            <translation>{source} көзінен {wanted} өлшемнің тек {got} келді; ештеңе орташаланған жоқ.</translation>
        </message>
        <message>
            <source>The NMEA log {path} was not found.</source>
            <translation>{path} NMEA журналы табылмады.</translation>
        </message>
        <message>
            <source>The track has fewer than 2 points: walk on before saving it as a line.</source>
            <translation>Тректе 2-ден аз нүкте бар: оны сызық ретінде сақтамас бұрын әрі қарай жүріңіз.</translation>
        </message>
        <message>
            <source>{layer} holds outlines, not points: walk the outline and add a corner at your position instead.</source>
            <translation>{layer} қабатында нүктелер емес, контурлар сақталады: оның орнына контурды айналып жүріп, тұрған жеріңізде бұрыш қосыңыз.</translation>
        </message>
        <message>
            <source>{layer} holds points: use Add point at my position, or save the track into an outline layer.</source>
            <translation>{layer} қабатында нүктелер сақталады: «Менің орныма нүкте қосу» әрекетін пайдаланыңыз немесе тректі контур қабатына сақтаңыз.</translation>
        </message>
        <message>
            <source>{path} already exists: choose another file for the track.</source>
            <translation>{path} бұрыннан бар: трек үшін басқа файл таңдаңыз.</translation>
        </message>
        <message>
            <source>{path} cannot be read as GPX: {reason}</source>
            <translation>{path} файлын GPX ретінде оқу мүмкін емес: {reason}</translation>
        </message>
        <message>
            <source>{path} is not a GPX track this program wrote; it cannot be repaired.</source>
            <translation>{path} — бұл бағдарлама жазған GPX трек емес; оны қалпына келтіру мүмкін емес.</translation>
        </message>
        <message>
            <source>{path} is not a GPX track this program wrote; record into a new file.</source>
            <translation>{path} — бұл бағдарлама жазған GPX трек емес; жаңа файлға жазыңыз.</translation>
        </message>
        <message>
            <source>{text} is not a GPS source: write gpsd, serial:///dev/ttyUSB0, tcp://HOST:PORT, udp://:PORT or file:///PATH.</source>
            <translation>{text} — GPS көзі емес: gpsd, serial:///dev/ttyUSB0, tcp://ХОСТ:ПОРТ, udp://:ПОРТ немесе file:///ЖОЛ деп жазыңыз.</translation>
        </message>
        <message>
            <source>{text}: a TCP source needs a host and a port, e.g. tcp://192.168.1.20:11123.</source>
            <translation>{text}: TCP көзіне хост пен порт керек, мысалы tcp://192.168.1.20:11123.</translation>
        </message>
        <message>
            <source>{text}: name the serial port, e.g. serial:///dev/ttyUSB0 or serial://COM3.</source>
            <translation>{text}: сериялық портты көрсетіңіз, мысалы serial:///dev/ttyUSB0 немесе serial://COM3.</translation>
        </message>
        <message>
            <source>{text}: the port must be a number from 1 to 65535.</source>
            <translation>{text}: порт 1-ден 65535-ке дейінгі сан болуы керек.</translation>
        </message>
        <message>
            <source>{text}: the speed must be auto or one of {bauds}.</source>
            <translation>{text}: жылдамдық auto немесе мыналардың бірі болуы керек: {bauds}.</translation>
        </message>
    </context>
</TS>
