<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
    <context>
        <name>DomainMessages</name>
        <message>
            <source>--set takes FIELD=VALUE, not {text!r}.</source>
            <translation>--set принимает ПОЛЕ=ЗНАЧЕНИЕ, а не {text!r}.</translation>
        </message>
        <message>
            <source>--udp takes HOST:PORT, not {text}.</source>
            <translation>--udp принимает ХОСТ:ПОРТ, а не {text}.</translation>
        </message>
        <message>
            <source>A replay speed is a number above 0 (1 = as recorded) or max, not {speed}.</source>
            <translation>Скорость воспроизведения — число больше 0 (1 = как записано) или max, а не {speed}.</translation>
        </message>
        <message>
            <source>Average at least 1 fix, not {target}.</source>
            <translation>Усреднять нужно хотя бы 1 отсчёт GPS, а не {target}.</translation>
        </message>
        <message>
            <source>Choose a GPS source: gpsd, serial:///dev/ttyUSB0, tcp://HOST:PORT, udp://:PORT or a log file.</source>
            <translation>Выберите источник GPS: gpsd, serial:///dev/ttyUSB0, tcp://ХОСТ:ПОРТ, udp://:ПОРТ или файл журнала.</translation>
        </message>
        <message>
            <source>Give either --tcp PORT or --udp HOST:PORT.</source>
            <translation>Укажите либо --tcp ПОРТ, либо --udp ХОСТ:ПОРТ.</translation>
        </message>
        <message>
            <source>No GPS fix to average: wait until the receiver has a position.</source>
            <translation>Нет отсчётов GPS для усреднения: дождитесь, пока приёмник определит местоположение.</translation>
        </message>
        <message>
            <source>Only {got} of {wanted} fixes came from {source}; nothing was averaged.</source>
            <translation>От {source} пришло только {got} из {wanted} отсчётов; ничего не усреднено.</translation>
        </message>
        <message>
            <source>The NMEA log {path} was not found.</source>
            <translation>Журнал NMEA {path} не найден.</translation>
        </message>
        <message>
            <source>The track has fewer than 2 points: walk on before saving it as a line.</source>
            <translation>В треке меньше 2 точек: пройдите дальше, прежде чем сохранять его линией.</translation>
        </message>
        <message>
            <source>{layer} holds outlines, not points: walk the outline and add a corner at your position instead.</source>
            <translation>Слой {layer} хранит контуры, а не точки: вместо этого обойдите контур и добавляйте углы там, где стоите.</translation>
        </message>
        <message>
            <source>{layer} holds points: use Add point at my position, or save the track into an outline layer.</source>
            <translation>Слой {layer} хранит точки: используйте «Добавить точку в моём местоположении» или сохраните трек в слой контуров.</translation>
        </message>
        <message>
            <source>{path} already exists: choose another file for the track.</source>
            <translation>{path} уже существует: выберите для трека другой файл.</translation>
        </message>
        <message>
            <source>{path} cannot be read as GPX: {reason}</source>
            <translation>{path} не читается как GPX: {reason}</translation>
        </message>
        <message>
            <source>{path} is not a GPX track this program wrote; it cannot be repaired.</source>
            <translation>{path} — не GPX-трек, записанный этой программой; восстановить его нельзя.</translation>
        </message>
        <message>
            <source>{path} is not a GPX track this program wrote; record into a new file.</source>
            <translation>{path} — не GPX-трек, записанный этой программой; записывайте в новый файл.</translation>
        </message>
        <message>
            <source>{text} is not a GPS source: write gpsd, serial:///dev/ttyUSB0, tcp://HOST:PORT, udp://:PORT or file:///PATH.</source>
            <translation>{text} — не источник GPS: напишите gpsd, serial:///dev/ttyUSB0, tcp://ХОСТ:ПОРТ, udp://:ПОРТ или file:///ПУТЬ.</translation>
        </message>
        <message>
            <source>{text}: a TCP source needs a host and a port, e.g. tcp://192.168.1.20:11123.</source>
            <translation>{text}: для источника TCP нужны хост и порт, например tcp://192.168.1.20:11123.</translation>
        </message>
        <message>
            <source>{text}: name the serial port, e.g. serial:///dev/ttyUSB0 or serial://COM3.</source>
            <translation>{text}: укажите последовательный порт, например serial:///dev/ttyUSB0 или serial://COM3.</translation>
        </message>
        <message>
            <source>{text}: the port must be a number from 1 to 65535.</source>
            <translation>{text}: порт должен быть числом от 1 до 65535.</translation>
        </message>
        <message>
            <source>{text}: the speed must be auto or one of {bauds}.</source>
            <translation>{text}: скорость должна быть auto или одной из: {bauds}.</translation>
        </message>
    </context>
</TS>
