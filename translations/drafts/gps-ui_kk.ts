<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
<context>
    <name>AveragingDialog</name>
    <message>
        <source>{count} of {target}</source>
        <translation>{target} ішінен {count}</translation>
    </message>
    <message>
        <source>{metres} m</source>
        <translation>{metres} м</translation>
    </message>
    <message>
        <source>±{metres} m</source>
        <translation>±{metres} м</translation>
    </message>
    <message>
        <source>Averaging the position</source>
        <translation>Орынды орташалау</translation>
    </message>
    <message>
        <source>Stand still on the site. The position is the mean of the fixes; the spread says how steady they were.</source>
        <translation>Нысанның үстінде қозғалмай тұрыңыз. Орын — өлшемдердің орташасы; шашырау олардың қаншалықты тұрақты болғанын көрсетеді.</translation>
    </message>
    <message>
        <source>Average:</source>
        <translation>Орташалау:</translation>
    </message>
    <message>
        <source>fixes</source>
        <translation>өлшем</translation>
    </message>
    <message>
        <source>Fixes taken:</source>
        <translation>Алынған өлшемдер:</translation>
    </message>
    <message>
        <source>Spread (2DRMS):</source>
        <translation>Шашырау (2DRMS):</translation>
    </message>
    <message>
        <source>Receiver's error:</source>
        <translation>Қабылдағыш қателігі:</translation>
    </message>
    <message>
        <source>Use them now</source>
        <translation>Қазір қолдану</translation>
    </message>
</context>
<context>
    <name>EditActions</name>
    <message>
        <source>Choose an area layer as the edit layer to walk its outline.</source>
        <translation>Шекарасын жүріп өту үшін өңделетін қабат ретінде аумақ қабатын таңдаңыз.</translation>
    </message>
</context>
<context>
    <name>GpsActions</name>
    <message>
        <source>&amp;GPS</source>
        <translation>&amp;GPS</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Қосылу…</translation>
    </message>
    <message>
        <source>Read positions from a GPS receiver, gpsd, a phone or a recorded log</source>
        <translation>Орынды GPS қабылдағыштан, gpsd-ден, телефоннан немесе жазылған журналдан оқу</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Ажырату</translation>
    </message>
    <message>
        <source>Stop reading the GPS receiver</source>
        <translation>GPS қабылдағышты оқуды тоқтату</translation>
    </message>
    <message>
        <source>&amp;Follow my position</source>
        <translation>Менің орнымды &amp;қадағалау</translation>
    </message>
    <message>
        <source>Keep your position in view; moving the map by hand pauses it</source>
        <translation>Орныңызды картада көрсетіп тұру; картаны қолмен жылжытсаңыз, қадағалау кідіртіледі</translation>
    </message>
    <message>
        <source>Add &amp;point at my position…</source>
        <translation>Менің орныма &amp;нүкте қосу…</translation>
    </message>
    <message>
        <source>Average the next fixes and add a point of the edited layer there</source>
        <translation>Келесі өлшемдерді орташалап, сол жерге өңделетін қабаттың нүктесін қосу</translation>
    </message>
    <message>
        <source>Add &amp;corner at my position</source>
        <translation>Менің орныма &amp;бұрыш қосу</translation>
    </message>
    <message>
        <source>Walk the outline of an area: each corner where you stand</source>
        <translation>Аумақтың шекарасын жүріп өтіңіз: әр бұрыш — сіз тұрған жер</translation>
    </message>
    <message>
        <source>&amp;Record track…</source>
        <translation>Тректі &amp;жазу…</translation>
    </message>
    <message>
        <source>Write your walk to a GPX file as you go</source>
        <translation>Жүрген жолыңызды жүре отырып GPX файлына жазу</translation>
    </message>
    <message>
        <source>&amp;Pause recording</source>
        <translation>Жазуды &amp;кідірту</translation>
    </message>
    <message>
        <source>Pause the track; going on starts a new segment</source>
        <translation>Тректі кідірту; жалғастырғанда жаңа бөлік басталады</translation>
    </message>
    <message>
        <source>&amp;Stop recording…</source>
        <translation>Жазуды &amp;тоқтату…</translation>
    </message>
    <message>
        <source>Close the GPX file; the walked outline can become an area</source>
        <translation>GPX файлын жабу; жүріп өткен шекараны аумақ ретінде сақтауға болады</translation>
    </message>
    <message>
        <source>The GPS receiver is not answering ({reason}); trying again in {seconds} s.</source>
        <translation>GPS қабылдағыш жауап бермейді ({reason}); {seconds} с кейін қайта қосылады.</translation>
    </message>
    <message>
        <source>The NMEA log was replayed to its end.</source>
        <translation>NMEA журналы соңына дейін ойнатылды.</translation>
    </message>
    <message>
        <source>GPS: not answering, trying again</source>
        <translation>GPS: жауап жоқ, қайта қосылуда</translation>
    </message>
    <message>
        <source>GPS: connecting…</source>
        <translation>GPS: қосылуда…</translation>
    </message>
    <message>
        <source>GPS: no fix</source>
        <translation>GPS: орын анықталмаған</translation>
    </message>
    <message>
        <source>last fix {age}</source>
        <translation>соңғы орын {age}</translation>
    </message>
    <message>
        <source>GPS: {quality}</source>
        <translation>GPS: {quality}</translation>
    </message>
    <message numerus="yes">
        <source>%n satellite(s)</source>
        <translation>
            <numerusform>%n жер серігі</numerusform>
            <numerusform>%n жер серігі</numerusform>
        </translation>
    </message>
    <message>
        <source>±{metres} m</source>
        <translation>±{metres} м</translation>
    </message>
    <message numerus="yes">
        <source>track paused, %n point(s)</source>
        <translation>
            <numerusform>трек кідіртілді, %n нүкте</numerusform>
            <numerusform>трек кідіртілді, %n нүкте</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>recording, %n point(s)</source>
        <translation>
            <numerusform>жазылуда, %n нүкте</numerusform>
            <numerusform>жазылуда, %n нүкте</numerusform>
        </translation>
    </message>
    <message>
        <source>no fix</source>
        <translation>орын жоқ</translation>
    </message>
    <message>
        <source>GPS fix</source>
        <translation>автономды</translation>
    </message>
    <message>
        <source>DGPS fix</source>
        <translation>DGPS</translation>
    </message>
    <message>
        <source>PPS fix</source>
        <translation>PPS</translation>
    </message>
    <message>
        <source>RTK fixed</source>
        <translation>RTK (бекітілген)</translation>
    </message>
    <message>
        <source>RTK float</source>
        <translation>RTK (қалқымалы)</translation>
    </message>
    <message>
        <source>estimated (dead reckoning)</source>
        <translation>есептелген (инерциялық)</translation>
    </message>
    <message>
        <source>manual input</source>
        <translation>қолмен енгізілген</translation>
    </message>
    <message>
        <source>simulation</source>
        <translation>модельдеу</translation>
    </message>
    <message>
        <source>Following your position is paused: GPS › Follow my position resumes it.</source>
        <translation>Орныңызды қадағалау кідіртілді: GPS › Менің орнымды қадағалау оны қайта қосады.</translation>
    </message>
    <message>
        <source>Choose a point layer as the edit layer to add a point at your position.</source>
        <translation>Орныңызға нүкте қосу үшін өңделетін қабат ретінде нүкте қабатын таңдаңыз.</translation>
    </message>
    <message>
        <source>No current GPS position: wait until the receiver has a fix.</source>
        <translation>Ағымдағы GPS орны жоқ: қабылдағыш орынды анықтағанша күтіңіз.</translation>
    </message>
    <message>
        <source>Record the track to</source>
        <translation>Тректі жазатын файл</translation>
    </message>
    <message>
        <source>GPX (*.gpx)</source>
        <translation>GPX (*.gpx)</translation>
    </message>
    <message>
        <source>Track saved to {path}: {points} points, {length} m.</source>
        <translation>Трек {path} файлына сақталды: {points} нүкте, {length} м.</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n с бұрын</numerusform>
            <numerusform>%n с бұрын</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n мин бұрын</numerusform>
            <numerusform>%n мин бұрын</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n сағ бұрын</numerusform>
            <numerusform>%n сағ бұрын</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GpsConnectDialog</name>
    <message>
        <source>Host:</source>
        <translation>Хост:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Порт:</translation>
    </message>
    <message>
        <source>Speed (baud):</source>
        <translation>Жылдамдық (бод):</translation>
    </message>
    <message>
        <source>Address of the phone:</source>
        <translation>Телефонның мекенжайы:</translation>
    </message>
    <message>
        <source>Port on this computer:</source>
        <translation>Осы компьютердегі порт:</translation>
    </message>
    <message>
        <source>NMEA log:</source>
        <translation>NMEA журналы:</translation>
    </message>
    <message>
        <source>Replay:</source>
        <translation>Ойнату:</translation>
    </message>
    <message>
        <source>Connect to a GPS receiver</source>
        <translation>GPS қабылдағышқа қосылу</translation>
    </message>
    <message>
        <source>Where do positions come from?</source>
        <translation>Орын қайдан келеді?</translation>
    </message>
    <message>
        <source>gpsd (the GPS service of this or another computer)</source>
        <translation>gpsd (осы немесе басқа компьютердің GPS қызметі)</translation>
    </message>
    <message>
        <source>USB or Bluetooth receiver (serial port)</source>
        <translation>USB немесе Bluetooth қабылдағыш (сериялық порт)</translation>
    </message>
    <message>
        <source>Phone sharing its GPS over the network (TCP)</source>
        <translation>GPS-ін желі арқылы беретін телефон (TCP)</translation>
    </message>
    <message>
        <source>Phone sending its GPS to this computer (UDP)</source>
        <translation>GPS-ін осы компьютерге жіберетін телефон (UDP)</translation>
    </message>
    <message>
        <source>Recorded NMEA log (replay)</source>
        <translation>Жазылған NMEA журналы (ойнату)</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Анықтау</translation>
    </message>
    <message>
        <source>As recorded</source>
        <translation>Жазылғандай</translation>
    </message>
    <message>
        <source>10 times faster</source>
        <translation>10 есе жылдам</translation>
    </message>
    <message>
        <source>As fast as possible</source>
        <translation>Барынша жылдам</translation>
    </message>
    <message>
        <source>Start again at the end</source>
        <translation>Соңында қайта бастау</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Шолу…</translation>
    </message>
    <message>
        <source>Choose an NMEA log</source>
        <translation>NMEA журналын таңдаңыз</translation>
    </message>
    <message>
        <source>NMEA logs (*.nmea *.log *.txt);;All files (*)</source>
        <translation>NMEA журналдары (*.nmea *.log *.txt);;Барлық файлдар (*)</translation>
    </message>
</context>
<context>
    <name>TrackSaveDialog</name>
    <message>
        <source>Save the walked outline</source>
        <translation>Жүріп өткен шекараны сақтау</translation>
    </message>
    <message>
        <source>The track has {points} points, {length} m walked. Save it as the outline of a new feature? The GPX file stays either way.</source>
        <translation>Тректе {points} нүкте бар, {length} м жүрілді. Оны жаңа нысанның шекарасы ретінде сақтайсыз ба? GPX файлы кез келген жағдайда қалады.</translation>
    </message>
    <message>
        <source>m</source>
        <translation>м</translation>
    </message>
    <message>
        <source>Corners closer than this to the outline are dropped: the footsteps' zig-zag goes</source>
        <translation>Шекарадан осы қашықтықтан жақын бұрыштар алынып тасталады: қадамдардың ирелеңі кетеді</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>Қабат:</translation>
    </message>
    <message>
        <source>Simplify:</source>
        <translation>Жеңілдету:</translation>
    </message>
    <message>
        <source>Save as outline</source>
        <translation>Шекара ретінде сақтау</translation>
    </message>
    <message>
        <source>Keep only the GPX</source>
        <translation>Тек GPX қалдыру</translation>
    </message>
</context>
</TS>
