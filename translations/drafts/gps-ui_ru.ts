<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AveragingDialog</name>
    <message>
        <source>{count} of {target}</source>
        <translation>{count} из {target}</translation>
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
        <translation>Усреднение положения</translation>
    </message>
    <message>
        <source>Stand still on the site. The position is the mean of the fixes; the spread says how steady they were.</source>
        <translation>Стойте неподвижно на месте объекта. Положение — среднее из отсчётов; разброс показывает, насколько они устойчивы.</translation>
    </message>
    <message>
        <source>Average:</source>
        <translation>Усреднять:</translation>
    </message>
    <message>
        <source>fixes</source>
        <translation>отсчётов</translation>
    </message>
    <message>
        <source>Fixes taken:</source>
        <translation>Получено отсчётов:</translation>
    </message>
    <message>
        <source>Spread (2DRMS):</source>
        <translation>Разброс (2DRMS):</translation>
    </message>
    <message>
        <source>Receiver's error:</source>
        <translation>Погрешность приёмника:</translation>
    </message>
    <message>
        <source>Use them now</source>
        <translation>Использовать сейчас</translation>
    </message>
</context>
<context>
    <name>EditActions</name>
    <message>
        <source>Choose an area layer as the edit layer to walk its outline.</source>
        <translation>Чтобы обойти контур, выберите слой площадей в качестве редактируемого слоя.</translation>
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
        <translation>&amp;Подключить…</translation>
    </message>
    <message>
        <source>Read positions from a GPS receiver, gpsd, a phone or a recorded log</source>
        <translation>Получать положение от GPS-приёмника, gpsd, телефона или из записанного журнала</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Отключить</translation>
    </message>
    <message>
        <source>Stop reading the GPS receiver</source>
        <translation>Перестать читать GPS-приёмник</translation>
    </message>
    <message>
        <source>&amp;Follow my position</source>
        <translation>&amp;Следовать за мной</translation>
    </message>
    <message>
        <source>Keep your position in view; moving the map by hand pauses it</source>
        <translation>Держать ваше положение в поле зрения; если сдвинуть карту вручную, следование приостанавливается</translation>
    </message>
    <message>
        <source>Add &amp;point at my position…</source>
        <translation>Добавить &amp;точку в моём положении…</translation>
    </message>
    <message>
        <source>Average the next fixes and add a point of the edited layer there</source>
        <translation>Усреднить следующие отсчёты и добавить туда точку редактируемого слоя</translation>
    </message>
    <message>
        <source>Add &amp;corner at my position</source>
        <translation>Добавить &amp;вершину в моём положении</translation>
    </message>
    <message>
        <source>Walk the outline of an area: each corner where you stand</source>
        <translation>Обойдите контур площади: каждая вершина — там, где вы стоите</translation>
    </message>
    <message>
        <source>&amp;Record track…</source>
        <translation>&amp;Записать трек…</translation>
    </message>
    <message>
        <source>Write your walk to a GPX file as you go</source>
        <translation>Записывать ваш маршрут в файл GPX по ходу движения</translation>
    </message>
    <message>
        <source>&amp;Pause recording</source>
        <translation>&amp;Приостановить запись</translation>
    </message>
    <message>
        <source>Pause the track; going on starts a new segment</source>
        <translation>Приостановить трек; при продолжении начнётся новый сегмент</translation>
    </message>
    <message>
        <source>&amp;Stop recording…</source>
        <translation>&amp;Остановить запись…</translation>
    </message>
    <message>
        <source>Close the GPX file; the walked outline can become an area</source>
        <translation>Закрыть файл GPX; пройденный контур можно сохранить как площадь</translation>
    </message>
    <message>
        <source>The GPS receiver is not answering ({reason}); trying again in {seconds} s.</source>
        <translation>GPS-приёмник не отвечает ({reason}); повторная попытка через {seconds} с.</translation>
    </message>
    <message>
        <source>The NMEA log was replayed to its end.</source>
        <translation>Журнал NMEA воспроизведён до конца.</translation>
    </message>
    <message>
        <source>GPS: not answering, trying again</source>
        <translation>GPS: нет ответа, повторное подключение</translation>
    </message>
    <message>
        <source>GPS: connecting…</source>
        <translation>GPS: подключение…</translation>
    </message>
    <message>
        <source>GPS: no fix</source>
        <translation>GPS: нет координат</translation>
    </message>
    <message>
        <source>last fix {age}</source>
        <translation>последние координаты {age}</translation>
    </message>
    <message>
        <source>GPS: {quality}</source>
        <translation>GPS: {quality}</translation>
    </message>
    <message numerus="yes">
        <source>%n satellite(s)</source>
        <translation>
            <numerusform>%n спутник</numerusform>
            <numerusform>%n спутника</numerusform>
            <numerusform>%n спутников</numerusform>
        </translation>
    </message>
    <message>
        <source>±{metres} m</source>
        <translation>±{metres} м</translation>
    </message>
    <message numerus="yes">
        <source>track paused, %n point(s)</source>
        <translation>
            <numerusform>трек на паузе, %n точка</numerusform>
            <numerusform>трек на паузе, %n точки</numerusform>
            <numerusform>трек на паузе, %n точек</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>recording, %n point(s)</source>
        <translation>
            <numerusform>идёт запись, %n точка</numerusform>
            <numerusform>идёт запись, %n точки</numerusform>
            <numerusform>идёт запись, %n точек</numerusform>
        </translation>
    </message>
    <message>
        <source>no fix</source>
        <translation>нет координат</translation>
    </message>
    <message>
        <source>GPS fix</source>
        <translation>автономно</translation>
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
        <translation>RTK (фиксированное)</translation>
    </message>
    <message>
        <source>RTK float</source>
        <translation>RTK (плавающее)</translation>
    </message>
    <message>
        <source>estimated (dead reckoning)</source>
        <translation>расчётное (счисление пути)</translation>
    </message>
    <message>
        <source>manual input</source>
        <translation>ручной ввод</translation>
    </message>
    <message>
        <source>simulation</source>
        <translation>имитация</translation>
    </message>
    <message>
        <source>Following your position is paused: GPS › Follow my position resumes it.</source>
        <translation>Следование за положением приостановлено: GPS › Следовать за мной возобновит его.</translation>
    </message>
    <message>
        <source>Choose a point layer as the edit layer to add a point at your position.</source>
        <translation>Чтобы добавить точку в вашем положении, выберите точечный слой в качестве редактируемого.</translation>
    </message>
    <message>
        <source>No current GPS position: wait until the receiver has a fix.</source>
        <translation>Нет текущих координат GPS: дождитесь, пока приёмник определит положение.</translation>
    </message>
    <message>
        <source>Record the track to</source>
        <translation>Записать трек в</translation>
    </message>
    <message>
        <source>GPX (*.gpx)</source>
        <translation>GPX (*.gpx)</translation>
    </message>
    <message>
        <source>Track saved to {path}: {points} points, {length} m.</source>
        <translation>Трек сохранён в {path}: точек — {points}, {length} м.</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n с назад</numerusform>
            <numerusform>%n с назад</numerusform>
            <numerusform>%n с назад</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n мин назад</numerusform>
            <numerusform>%n мин назад</numerusform>
            <numerusform>%n мин назад</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n ч назад</numerusform>
            <numerusform>%n ч назад</numerusform>
            <numerusform>%n ч назад</numerusform>
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
        <translation>Скорость (бод):</translation>
    </message>
    <message>
        <source>Address of the phone:</source>
        <translation>Адрес телефона:</translation>
    </message>
    <message>
        <source>Port on this computer:</source>
        <translation>Порт на этом компьютере:</translation>
    </message>
    <message>
        <source>NMEA log:</source>
        <translation>Журнал NMEA:</translation>
    </message>
    <message>
        <source>Replay:</source>
        <translation>Воспроизведение:</translation>
    </message>
    <message>
        <source>Connect to a GPS receiver</source>
        <translation>Подключение к GPS-приёмнику</translation>
    </message>
    <message>
        <source>Where do positions come from?</source>
        <translation>Откуда берутся координаты?</translation>
    </message>
    <message>
        <source>gpsd (the GPS service of this or another computer)</source>
        <translation>gpsd (служба GPS этого или другого компьютера)</translation>
    </message>
    <message>
        <source>USB or Bluetooth receiver (serial port)</source>
        <translation>USB- или Bluetooth-приёмник (последовательный порт)</translation>
    </message>
    <message>
        <source>Phone sharing its GPS over the network (TCP)</source>
        <translation>Телефон, раздающий свой GPS по сети (TCP)</translation>
    </message>
    <message>
        <source>Phone sending its GPS to this computer (UDP)</source>
        <translation>Телефон, отправляющий свой GPS на этот компьютер (UDP)</translation>
    </message>
    <message>
        <source>Recorded NMEA log (replay)</source>
        <translation>Записанный журнал NMEA (воспроизведение)</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Определить</translation>
    </message>
    <message>
        <source>As recorded</source>
        <translation>Как записано</translation>
    </message>
    <message>
        <source>10 times faster</source>
        <translation>В 10 раз быстрее</translation>
    </message>
    <message>
        <source>As fast as possible</source>
        <translation>Как можно быстрее</translation>
    </message>
    <message>
        <source>Start again at the end</source>
        <translation>В конце начинать заново</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>Choose an NMEA log</source>
        <translation>Выберите журнал NMEA</translation>
    </message>
    <message>
        <source>NMEA logs (*.nmea *.log *.txt);;All files (*)</source>
        <translation>Журналы NMEA (*.nmea *.log *.txt);;Все файлы (*)</translation>
    </message>
</context>
<context>
    <name>TrackSaveDialog</name>
    <message>
        <source>Save the walked outline</source>
        <translation>Сохранить пройденный контур</translation>
    </message>
    <message>
        <source>The track has {points} points, {length} m walked. Save it as the outline of a new feature? The GPX file stays either way.</source>
        <translation>В треке точек: {points}, пройдено {length} м. Сохранить его как контур нового объекта? Файл GPX останется в любом случае.</translation>
    </message>
    <message>
        <source>m</source>
        <translation>м</translation>
    </message>
    <message>
        <source>Corners closer than this to the outline are dropped: the footsteps' zig-zag goes</source>
        <translation>Вершины ближе этого расстояния к контуру отбрасываются: зигзаг шагов исчезает</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>Слой:</translation>
    </message>
    <message>
        <source>Simplify:</source>
        <translation>Упростить:</translation>
    </message>
    <message>
        <source>Save as outline</source>
        <translation>Сохранить как контур</translation>
    </message>
    <message>
        <source>Keep only the GPX</source>
        <translation>Оставить только GPX</translation>
    </message>
</context>
</TS>
