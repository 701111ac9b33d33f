<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Baytak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {app} · Qt {qt} · PySide6 {pyside} · GDAL {gdal}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An offline-first desktop GIS for the Baytak green party of Kazakhstan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free vector and raster map data @ naturalearthdata.com (public domain).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo sites are illustrative: their positions and figures are approximate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence: GNU General Public License, version 3 or later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>This file cannot be opened</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <source>Any field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a value of this field: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n feature(s)</source>
        <translation>
            <numerusform>%1 of %n feature</numerusform>
            <numerusform>%1 of %n features</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s)</source>
        <translation>
            <numerusform>%n feature</numerusform>
            <numerusform>%n features</numerusform>
        </translation>
    </message>
    <message>
        <source>The table could not be read: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search names, notes, statuses…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by the value of a field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttributeTableModel</name>
    <message>
        <source>Edited, not yet synced</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AveragingDialog</name>
    <message>
        <source>{count} of {target}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{metres} m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>±{metres} m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Averaging the position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stand still on the site. The position is the mean of the fixes; the spread says how steady they were.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fixes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixes taken:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spread (2DRMS):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receiver&apos;s error:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use them now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CategoryTable</name>
    <message>
        <source>Colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width, px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartsDock</name>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aral and Caspian water area by year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trees planted per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sites by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the chart as PNG or SVG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change since the first year, %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {first} → {last} km² ({year0}–{year1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {first} km² ({year0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aral and Caspian water area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cumulative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trees planted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trees planted per month (bars) and in total (line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.svg)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColorButton</name>
    <message>
        <source>Choose a colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to choose a colour</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>corners: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the feature is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync conflict — {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{author} changed this feature at {when} while it was changed on the server. Choose the values to keep; the choice is sent to the server and every device gets it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theirs (server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine ({author})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save edited values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the values to keep in the Result column</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>whole feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolved ({how})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mine kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>theirs kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n open conflict(s). Double-click one to settle it.</source>
        <translation>
            <numerusform>%n open conflict. Double-click it to settle it.</numerusform>
            <numerusform>%n open conflicts. Double-click one to settle it.</numerusform>
        </translation>
    </message>
    <message>
        <source>No open conflicts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edits the server refused (they stay on this computer until you change them again):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resolve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Zoom to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Fill in the server address, your user name and your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait until the sync that is running has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server: check the address and the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in. Your edits stay on this computer until you sign in and sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all branches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to {server} as {user}: {role}, {branch}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reporter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>coordinator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CoordinateDialog</name>
    <message>
        <source>&quot;{text}&quot; can be read in more than one way: write it as &quot;latitude, longitude&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason}; a position needs a latitude and a longitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is one number; a position needs a latitude and a longitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a latitude and a longitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has no waypoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waypoints from a GPX file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPX files (*.gpx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a position: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latitude {lat_dms} ({lat}), longitude {lon_dms} ({lon})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a point by its coordinates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type or paste a position: latitude and longitude, in decimal degrees (43.8712, 77.0702) or degrees, minutes, seconds (43°52&apos;16&quot;N 77°04&apos;13&quot;E).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latitude, longitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From a GPX file…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Baytak: unexpected problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong in Baytak. Your data is safe: a change is saved whole or not at all, so if your last change is missing, please make it again. You can go on working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A report was saved (it contains no passwords); please send it to your coordinator:
{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be saved: the disk may be full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the reports folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashCombo</name>
    <message>
        <source>Solid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dotted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dash and dot</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>e.g. {date} or {iso}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose in a calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoRefusal</name>
    <message>
        <source>This is the demo store: its sites are illustrative and never go to a server, so it cannot sign in or sync. Create the store of your branch, then connect that one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo store does not sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create my branch&apos;s store…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DomainMessages</name>
    <message>
        <source>--extent takes four numbers west,south,east,north, not {text!r}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--extent takes west,south,east,north in degrees (west &lt; east, south &lt; north), not {text!r}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--extent takes west,south,east,north in degrees, not {text!r}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; has curves (arcs), which baytak cannot store: convert them to straight segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; can be read as more than one place: separate latitude and longitude with &quot;, &quot; or &quot;;&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; gives latitude {lat:g} and longitude {lon:g}, which is no place on Earth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is a kind of geometry baytak cannot store (a point, line or polygon is needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is a link from a site whose coordinate order baytak does not know: copy the coordinates themselves (latitude, longitude)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is a link without coordinates in it (a short link or a search): open it and copy the coordinates (latitude, longitude)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a WKT geometry (like POINT (77.07 43.87) or POLYGON ((...)))</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; has no coordinates that can be read: copy them as &quot;latitude, longitude&quot; (43.2389, 76.8897)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{text}&quot; has a hemisphere both before and after the number: keep one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{text}&quot; has both a minus sign and a hemisphere letter: keep one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{text}&quot; has minutes {number:g}: minutes must be less than 60</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{text}&quot; has seconds {number:g}: seconds must be less than 60</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{text}&quot; has {unit} where {expected} belongs: write decimal degrees (43.87) or degrees, minutes, seconds (43°52&apos;12&quot;N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is a latitude, but a longitude was expected: are the columns swapped?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is a longitude, but a latitude was expected: are the columns swapped?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a coordinate: write decimal degrees (43.87) or degrees, minutes, seconds (43°52&apos;12&quot;N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a coordinate: write decimal degrees (43.87) or degrees, minutes, seconds (43°52&apos;12&quot;N); the hemisphere must be N, S, E or W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{text}&quot;: only the last part (degrees, minutes or seconds) may have decimals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is in the coordinate system SRID {srid}, which is not a known EPSG code: export it in longitude/latitude (EPSG:4326)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a pair of coordinates: write &quot;latitude, longitude&quot; (43.2389, 76.8897) or paste the maps link with the coordinates in it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; read as latitude, longitude is far outside Kazakhstan, but would be inside it the other way round: write the latitude first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(and {count} more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(missing on this device)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(missing on this device: copy it there or add it again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--map-field COLUMN=FIELD takes a field from a column, --set FIELD=VALUE gives one value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--map-field {src}={dst}: layer {layer} has no field {dst}. Fields: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--map-field {src}={dst}: {file} has no column {src}. Columns: {columns}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--set takes FIELD=VALUE, not {text!r}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--source-layer NAME reads one of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--tcp: the address to listen on (default 127.0.0.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--udp takes HOST:PORT, not {text}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>... and {count} more (--json lists them all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A GPS receiver from the command line: gpsd, a serial port, NMEA over TCP or UDP, a log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A buffer needs a distance above 0, not {metres} m.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A categorized style needs a field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A categorized style needs at least one category: press Classify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A chunk may have at most {limit} bytes; send smaller chunks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A geometry in the store cannot be read: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A photo gives a point; draw the outline of the {layer} feature instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A replay speed is a number above 0 (1 = as recorded) or max, not {speed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A saved layer style cannot be read ({error}); the default style is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A saved style names an unknown layer {layer}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A user name cannot hold the character {code}, which nobody sees; remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A user name must have 1 to 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A whole-feature value is a JSON object of fields, or null to delete the feature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A {page} PNG at {dpi} dpi would be {mp} million pixels: lower the dpi or export a PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A {role} belongs to a branch: give --branch CODE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {layer} {uuid} at {lat}, {lon}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {layer} {uuid} from {points} track points of {track}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding demo {layer}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Again: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An extent is four numbers: west,south,east,north (degrees).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another program has been holding {path} for {seconds:.0f} s, so nothing was changed here. Save or cancel the edits there (or close the file in it), then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another program is writing to {path}, so it could not be read; nothing was changed. Let it finish (or close the file there), then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment {sha256} has {size} bytes on the server, not {claimed}; send the size of the file uploaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average at least 1 fix, not {target}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Averaged {fixes} fixes: {lat}, {lon}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basemap ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baytak GIS: the local GeoPackage store from the command line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building overviews for fast zooming out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the spatial indexes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built {path} from {extract} in {seconds} s: no features.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built {path} from {extract} in {seconds} s: {counts}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV/DBF/XLSX/ODS: the column with the latitude (the same as --lon-column: one column with both)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV/DBF/XLSX/ODS: the column with the longitude (the same as --lat-column: one column with both)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories need a text field; {field} is not one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes to send: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changeset {id} was received before with other changes ({count}); give new changes a new changeset id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changeset {id} was sent by another account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the photos and writing the dossier…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a GPS source: gpsd, serial:///dev/ttyUSB0, tcp://HOST:PORT, udp://:PORT or a log file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the SHA-256 of the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict {id} resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict {id} resolved: kept mine ({value}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict {id} resolved: kept theirs ({value}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict {id} was already resolved by {who} ({how}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict {id} was already resolved on the server; baytak sync {store} brings its outcome.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content-Range {header!r} does not fit inside the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created {store}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created {store} with demo data: {counts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo data ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distances measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawing the map, its legend and scale bar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawing the web map…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each category needs a different text value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported {count} features of {layer} to {out}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE.html, FILE.pdf, FILE.png or FILE.svg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoPackage geometry blob has an invalid envelope type {t}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give either --tcp PORT or --udp HOST:PORT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give it with --crs EPSG:CODE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {imported} of {rows} rows from {source} into {layer} (text read as {encoding}, {how}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {imported} of {rows} rows from {source} into {layer}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language {lang} is not offered: use kk, ru or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {layer} has no field(s) {names}. Fields: {known}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaflet is missing: install the XStatic-Leaflet package (pip install XStatic-Leaflet) to make web maps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making {out} took longer than {seconds:.0f} s and was stopped; try a lower dpi or a smaller page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measuring distances…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New features without a branch were given {branch}, the branch of the account signed in (--set branch=CODE gives another).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No GPS fix to average: wait until the receiver has a position.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No OpenStreetMap basemap with settlements is registered with this store on this device; add one with: baytak basemap add STORE FILE.osm.pbf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No accounts yet: baytak server user add.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No attachment with SHA-256 {sha256}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No basemaps registered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No feature with uuid {uuid} in layer {layer}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No feature {uuid} in layer {layer}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No images registered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No local changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open conflicts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No serial ports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No site with uuid {uuid} in {store}: copy it from the feature&apos;s details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a GeoPackage geometry blob (it does not start with &apos;GP&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not allowed: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: {reasons}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing audited yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only {got} of {wanted} fixes came from {source}; nothing was averaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity must be between 0 and 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overviews built</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page size {page} is not offered: use one of {sizes}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Painting {out} failed unexpectedly; please report this:
{tail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for {user} on {server}: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for {user}: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polygon layers (geodesic):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing your edits…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print layouts are not available in this installation ({error}); --out FILE.html makes the web map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published {layer} as schema revision {revision} (server revision {rev}): {summary}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pushed {pushed} (applied {applied}, merged {merged}, unchanged {unchanged}, conflicts {conflicts}, rejected {rejected}); pulled {pulled}. Server revision {rev}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading places: {count} objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading roads, railways and rivers: {count} objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the Natural Earth shorelines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the layer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading water, land cover and buildings: {count} objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading {layer}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receiving changes (revision {rev})…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded {points} points, {length} m, to {out}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered with {store} as basemap {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered {path} ({width} x {height}, {bands} band(s), {crs}, {resolution} m per pixel) as image {id}; overviews: {overviews}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolving conflict {id}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverse: {count} {to_layer} with {from_layer} within {km}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked {count} token(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the central sync server (no subcommand), or manage it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite integrity check: {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving features: {done} of {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send JSON with Content-Type: application/json, not {media!r}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send each chunk with Content-Range: bytes START-END/TOTAL (END inclusive), not {header!r}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the body as it is, without Content-Encoding {encoding!r}; the server does not inflate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending changes: {count}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending photo {index} of {count}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent {count} lines to {address}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent; reading the server&apos;s answer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving {log} on tcp://{host}:{port} (Ctrl-C stops)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in first: send Authorization: Bearer &lt;token&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to {server} as {user} ({where}); the sign-in lasts until {expires}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That photo is not attached to this feature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The MapInfo table {file} has no {part} file (its attributes): copy it beside the {suffix}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The NMEA log {path} was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The X and Y columns of {file} can be read either way (X as longitude, as GIS programs write, or X as latitude, as Russian survey tables do): say which column is the latitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The X and Y columns of {file} only make sense with X as the latitude (northing), as Russian survey tables write them: import them swapped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account {name!r} is disabled; ask an administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachment {sha256} downloaded from the server does not match its SHA-256; sync again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachment {sha256} no longer matches its SHA-256: it was altered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The basemap cannot be written over the store itself; choose another --out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The basemap cannot be written over the store itself; choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The basemap layer &apos;{name}&apos; cannot be read; it is left out ({library}: {detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The basemap must be written to a .gpkg file, not {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The basemap {path} is missing, so there are no reference places; reinstall baytak-desktop or use a layer of the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The basemap {path} is not on this device; the map is drawn without it. Add it again from File.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chunk has {got} bytes but Content-Range says {want}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chunk has {more}{got} bytes but Content-Range says {want}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The colour {value} is not a #rrggbb colour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coordinate system of {file} cannot be used: save the file again with a standard one (an EPSG code, such as EPSG:4326 or a UTM zone) ({library}: {detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coordinates of {file} are metres in a projected coordinate system (UTM, Gauss-Krüger), not degrees: {column} holds {value}. A table gives no coordinate system, so convert the points to longitude/latitude in QGIS, or save them as a Shapefile or GeoPackage with their coordinate system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database URL {url!r} is neither sqlite:///FILE nor postgresql://...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date {date} is not a date like 2025-06-30.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The distance must be a number of kilometres, 0 or more, not {km}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exhibit painter is not installed (no entry point {name} in {group}); reinstall baytak-desktop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The extent {extent} is not west,south,east,north in degrees with west &lt; east and south &lt; north.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is {total} bytes; one account may upload at most {limit} bytes at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is {total} bytes; the server takes attachments up to {limit} bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {file} has no .prj: its coordinate system is unknown. Add the .prj (or re-export with one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image already has overviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image {title} is not on this device ({path}); copy it there, or add it again from where it is. The map is drawn without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer definition {source} cannot be used: {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer definition {source} is written in {found}, which this version of Baytak does not know (it knows {known}); update the program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer {layer} cannot be published as it is: {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer {layer} has no field {field} that an import can fill. Fields: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer {layer} has no field {field}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The line pattern {value} is not one of: solid, dash, dot, dashdot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name {name!r} looks like the existing user {twin!r}; choose a name nobody can take for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offline basemap {file} has no layer &apos;{name}&apos;; it is left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offline basemap {path} cannot be read (damaged, or not a GeoPackage); the map shows your data without it. Reinstall baytak-desktop to restore it ({library}: {detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offline basemap {path} is missing; the map shows your data without it. Reinstall baytak-desktop to restore it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password must have at least 8 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo distance limit must be a number of kilometres, 0 or more, not {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo time limit must be a whole number of days, 0 or more, not {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request does not have the expected shape: {found}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body holds a number of more than {limit} digits; no value is that long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body is not UTF-8 (byte {position}); send JSON as UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body names the key {key!r} twice in one object; send each key once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body nests JSON arrays or objects too deeply to read; the protocol&apos;s are a few levels deep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request does not have the expected shape: {found}; and {more} more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is larger than the server accepts ({limit} bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server database has a table {table} already that is not a Baytak layer; rename it, or publish the layer under another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server database was written by a newer baytak server (schema {found}, this one knows {known}); update the server program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server failed; nothing was changed. Try again; if it persists, tell the administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has no complete attachment {sha256}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has no feature {uuid} in {layer} to update; send it as an insert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has {received} of {total} bytes; send the chunk that starts at byte {restart}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is busy; nothing was changed. Try again in {seconds} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused {count} of your changes within the last {minutes} minutes; see why, fix them, and sync again in {seconds} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server {server} answered with something that is not a Baytak server&apos;s answer: check the address; a Wi-Fi sign-in page or a proxy may be in the way. Your edits are safe on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server {server} could not handle the request ({code}: {reason}). Your edits are safe on this computer; try again later, or tell the server&apos;s administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server {server} keeps refusing the upload of attachment {sha256} at byte {offset}. Your edits and the file are safe on this computer; sync again later, or tell the server&apos;s administrator.</source>
        <translation>The server {server} keeps refusing the upload of attachment {sha256} at byte {offset}. Your edits and the file are safe on this computer; sync again later, or tell the server&apos;s administrator.</translation>
    </message>
    <message>
        <source>The server {server} refused the request: {reason} ({code}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer is saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shapefile {file} has no {part} file (its index): add it, or re-export the shapefile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shapefile {file} has no {part} file, so its attributes are missing: add it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store {path} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The style saved for {layer} names another layer, {other}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text of {file} is not in an encoding baytak can recognise for sure ({found}): choose its encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tile address {url} must start with http:// or https:// and contain {{z}}, {{x}} and {{y}}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The track has fewer than 2 points: walk on before saving it as a line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The uploaded bytes hash to {actual}, not {name}; the upload was discarded. Upload the file again from the start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value {value!r} given for the field {field} cannot be used: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The visibility or drawing order of {layer} is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The web map would fetch {count} file(s) from the internet (first: {first}); it was not written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {name} {value} is out of range ({low} to {high}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a user named {name!r}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no conflict {id} in {store}; baytak conflicts {store} lists them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no conflict {id} you can see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no layer named {layer!r}. Layers: {known}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no layer named {source!r}. Use {known}, places (the basemap&apos;s towns) or osm_places (the villages of the store&apos;s OpenStreetMap basemaps).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no layer {layer}. Layers: {known}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no user named {name!r}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no {method} {path} on this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This GeoPackage already has a table {table} that is not a Baytak layer; rename it in QGIS or use another file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This GeoPackage already has a table {table} that is not a Baytak layer; rename it in QGIS, then sync again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database was written by a newer version of Baytak (schema {found}, this one knows {known}); update the program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device has pulled up to revision {after}, but the server&apos;s latest is {server_rev}: the server was restored from an older copy or is another server. Tell the administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a feature of the demo (illustrative data); it is not imported into a real store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This photo is already attached to this feature (SHA-256 {sha256}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server speaks {protocol}; update the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This store was written by a newer baytak-desktop (schema {found}, this one knows {known}); update the program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This token is unknown or was revoked; sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed sign-ins for {name!r}; try again in {seconds} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking the edits made by another program…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown server setting(s) {names}; known: {known}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown style kind {kind}: use single or categorized.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload the attachments first ({count} missing), then resolve again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload the attachments first ({count} missing), then send the same changeset again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for {program}, which has the store locked ({seconds} s)...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Water area by year (geodesic):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web map written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Within {km} (geodesic) of each of {count} {from_layer}, from {to_layer}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the web map…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote the evidence dossier of {uuid} to {out}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote {out}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote {path}: {features} features in {layers} layers, {size} MB, works offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have {count} unfinished uploads ({size} bytes); finish them before starting another, or wait until the oldest expires in {seconds} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account on {server} is disabled ({reason}): ask your coordinator or the server&apos;s administrator to enable it. Your edits are safe on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in expired; sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in to {server} has expired or was revoked ({reason}): sign in again with baytak login {store} --server {server} --user NAME. Your edits are safe on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[resolved: {resolution}]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a GPS receiver: watch, average, log a site, record a track, replay a log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a LineString in a MULTILINESTRING layer (GeoPackage requirement 32)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a Polygon in a MULTIPOLYGON layer (GeoPackage requirement 32)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a colon is missing after a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a comma is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a feature must keep a geometry; it cannot be set to null</source>
        <translation>a feature must keep a geometry; it cannot be set to null</translation>
    </message>
    <message>
        <source>a key must be in double quotes (or a comma too many)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a layer definition is a JSON object {{...}}, not {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a one-point MultiPoint in a POINT layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a point layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a polygon needs at least 3 corners; this one has {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a polygon ring has {points} points; it needs at least 4 (three corners and the first point repeated at the end)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a recorded track as a new outline (or line) in a layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a reporter may change or delete only the features they created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a review mark names its reviewer: write {name}, not {others}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a text holds a line break or a tab; write it as \n or \t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a text is not closed with a double quote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a title (default: the file name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a title for the basemap (default: the extract&apos;s name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a value is missing or is not JSON (text goes in double quotes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a viewer cannot change features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a viewer cannot resolve conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a viewer cannot upload attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add --overwrite to replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add --overwrite to replace that layer; the file&apos;s other layers stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add --swap-xy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add --swap-xy if X is the latitude (northing), or give --lat-column Y --lon-column X</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add an account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add, list, disable or enable accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address to listen on (default {host})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an attribute (repeatable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an outline (polygon) or line layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another program is writing to it; close it there (or wait for it), then try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>argument {argument}: expected one argument</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>argument {argument}: invalid choice: {value} (choose from {choices})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>argument {argument}: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as the .dbf&apos;s language driver says</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as the file declares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as {role} of branch {branch} you cannot change a feature of {shown}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attachment {sha256}, {name}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>basemap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>baytak init NEW.gpkg, then baytak import NEW.gpkg FILE.gpkg --layer LAYER --source-layer THEIRS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>baytak server on http://{host}:{port} ({database}); API docs at /docs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>branch {branch}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>buffers: write them as GeoJSON here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>build a basemap from an .osm.pbf extract and register it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>buildings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built beside it (.ovr)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check integrity, schema, journal triggers, spatial index and every feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>columns X and Y: X is the latitude (northing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>columns not imported (no field of that name): {columns} (--map-field COLUMN=FIELD imports one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>columns the store computes itself, not imported: {columns}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contains the character {code} (at position {position}), which text cannot hold; remove it</source>
        <translation>contains the character {code} (at position {position}), which text cannot hold; remove it</translation>
    </message>
    <message>
        <source>coordinates are not finite numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>coordinates outside the world (lon {minx:g}..{maxx:g}, lat {miny:g}..{maxy:g}); longitude must be -180..180 and latitude -90..90 (were they swapped?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>coordinator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create a new store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>curved geometries (type {code}) are not accepted; convert the curves to lines</source>
        <translation>curved geometries (type {code}) are not accepted; convert the curves to lines</translation>
    </message>
    <message>
        <source>data directory (default: the user data dir + /baytak-server); holds server.sqlite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disable an account: its tokens stop working at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distance in kilometres, geodesic (default 10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>do not ask the sync server for the full history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drone and satellite images referenced by the store (not synced)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drop corners within M metres of the line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enable a disabled account again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export a layer to a file; the format comes from the extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field {name} cannot become required: features recorded without it would be refused. Keep it optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field {name} cannot start refusing future dates: dates already recorded may be</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field {name} is missing: a field cannot be removed or renamed, the values recorded in it would be lost. Keep it and mark it &quot;deprecated&quot;: true (hidden in forms, kept in the data); add a new field for a new name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field {name}: a new field cannot be required, as the features already recorded have no value for it: publish it without &quot;required&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field {name}: a vocabulary cannot be added to or taken from a field that exists: add a new field and mark this one &quot;deprecated&quot;: true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field {name}: the code {code} is missing: a code cannot be removed, features may hold it. Keep it and mark it &quot;deprecated&quot;: true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field {name}: the type cannot change from {old} to {new}: add a new {new} field and mark this one &quot;deprecated&quot;: true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field {name}: the vocabulary name branch belongs to every layer; choose another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field {name}: the vocabulary name {vocabulary} belongs to the layer {other}; choose another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field {name}: the {limit} can only be relaxed, never tightened: values recorded under the old limit would be refused. Keep the old limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field {name}: vocabulary_name cannot change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field {name}: what it is derived from cannot change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fields: the field {name} is defined {count} times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fill it with the demo data (illustrative positions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fixed: {finding}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flag a photo whose EXIF date is more than DAYS days from the site&apos;s observation date, 0 or more (the app&apos;s setting evidence/max_days; default {default})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flag a photo whose EXIF position is farther than KM kilometres from the site, 0 or more (the app&apos;s setting evidence/max_distance_km; default {default})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forests and land use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>geodesic analyses: proximity, per-branch summary, areas, buffers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give FIELD the value VALUE where the file has none, e.g. --set status=closed (repeatable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give up after S seconds (default 120)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>go on in an existing file, as a new segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gpsd did not answer for {seconds:.0f} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gpsd, serial:///dev/ttyUSB0[?baud=N], tcp://HOST:PORT, udp://[HOST]:PORT or a log file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how many fixes to average (default 10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imagery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import a file (GeoJSON, Shapefile, DBF, KML, GPX, CSV, GeoPackage) into a layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import the valid rows and report the others</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in {file}.ovr (the image&apos;s folder is read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interrupted; the store is as it was before this command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid geometry: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is {length} characters long; at least {limit} are needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is {length} characters long; at most {limit} are allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it cannot be opened: its folder is missing, or you have no permission to read it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a folder, not a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is an SQLite database without the GeoPackage mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is damaged (a copy or download that did not finish?); copy it again or restore a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not an SQLite database (or it is encrypted or damaged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its folder is read-only (SQLite needs to write its journal there)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>journal trigger {name} is missing or altered: edits would not sync (open the store with baytak to reinstall it and catch up the edits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep only this area (degrees, WGS 84)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {layer} has no field {name!r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {layer} takes {allowed} geometries, not {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {name} is missing from gpkg_contents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list the accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list the basemaps registered with the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list the images registered with the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list the layers (built-in and published) with their feature counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list the local changes not yet synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list the serial ports; --probe finds the speed of each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list the sync conflicts not resolved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listen at each usual speed for NMEA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log the site here: a new point at the averaged position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>make a map exhibit: an offline web map (.html) or a print layout (.pdf .png .svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mine: the value of the person who made the conflicting edit; theirs: the server&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be at least {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be at most {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be less than {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be more than {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name: {name} is a name the program keeps for itself; choose another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no NMEA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no NMEA from {port} at any usual speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no NMEA sentence for {seconds:.0f} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not JSON: a mistake at line {line}, column {column}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not JSON: {reason} (line {line}, column {column})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>notes line: {note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline basemaps built from OpenStreetMap extracts (not synced)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only administrators read the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only check the file against the server&apos;s layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only coordinators and admins plan cleanups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only coordinators and admins review features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only these layers (default: every layer with features)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only this layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or use --skip-invalid to import the valid rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output file (.geojson .gpkg .shp .zip .kml .csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overwrite an existing file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port (default {port})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>postgresql://user:pass@host/db for PostgreSQL + PostGIS (default: SQLite in --data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print a layer&apos;s definition as the server has it (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print each fix and every change of state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print layouts: A4, A3, A2 or A1 (default A4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print layouts: a line under the title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print layouts: landscape page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print layouts: resolution (default 300)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print layouts: the author printed on the page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print layouts: the date printed (default today), e.g. 2025-06-30</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print machine-readable JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>process {pid}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>protected areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proximity/buffers: the layer measured from (default sewage_outflows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proximity: sites within N km of each other; summary: per branch; areas: water by year and polygon layers; buffers: N km around features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proximity: the layer, places (the basemap&apos;s towns) or osm_places (the villages of the store&apos;s OpenStreetMap basemaps), measured to (default places)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publish a layer definition (a new layer, or additions to one); every device gets it at its next sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publish layer definitions; list the server&apos;s layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quarry area: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>railways</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read sheet {layer!r}, its column names from row {line}; row numbers count from the row below them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the password from standard input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the password from the first line of stdin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>receiver&apos;s error: ±{error} m ({basis})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record a track to a GPX file, written as it goes (Ctrl-C stops)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused  {layer} {uuid}: {message} ({code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>register an image (GeoTIFF, COG, JPEG 2000, ...) and build overviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>repair what can be repaired (labels, date spellings, geometry types, stale areas, triggers, index) as journaled edits, then list what remains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replace OUT if it exists (in a GeoPackage: only the layer of that name); a store is never replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reporter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolve a sync conflict on the server, then get the result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolved ones too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revision {revision}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revision {revision}: {layer}, by {author}, {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revoke the tokens of one user, or all tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revoke tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rivers and streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>roads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run the central sync server, manage its accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema version {version}, expected {expected}: open the store with baytak once to migrate it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send an NMEA log as a receiver would, by TCP or UDP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send it as datagrams to HOST:PORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send the local edits to the server, then get everything new from it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve it to TCP clients on this port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>settlements and places</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show this box, in degrees (default: the layers&apos; extent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sign this store in to a Baytak server (the token is kept outside the store)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skip fixes closer than M metres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped {count} features of another geometry type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spatial index has {indexed} entries for {stored} geometries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spatial index triggers {names} are not the store&apos;s (another program rewrote them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spread: 2DRMS {drms} m (sd north {north} m, east {east} m), farthest fix {farthest} m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stand still: average N fixes, print the position and its spread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start again at the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stop after N fixes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stop after S seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>style.categorized_by: {name} is not a field of this layer with a vocabulary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>style.colors: colours per code need categorized_by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>style.colors: {code} is not a code of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>style.label_field: there is no field {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>style.{key}: only a line layer has line patterns and widths per code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>style.{key}: values per code need categorized_by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>style.{key}: {code} is not a code of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>take the layer field DST from the file column SRC (repeatable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the GPX file to write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the GPX file with the track</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the NMEA log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the OpenStreetMap extract</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the PDF to write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the administrator publishing it (default: who runs the command)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the base value {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the branch code (required for reporter, editor, coordinator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cell is empty; a WKT geometry is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cell is empty; a coordinate is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the conflict id, as baytak conflicts lists it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection was closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the coordinate system is not one PROJ knows; use a standard one, such as EPSG:4326 or a UTM zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the coordinate system of an image placed by a world file (.jgw, .tfw), which names none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the coordinates fall outside longitude -180..180 / latitude -90..90 (x {minx}..{maxx}, y {miny}..{maxy})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the date {raw!r} is not written as YYYY-MM-DD (GDAL and QGIS read it as empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the disk is full; free some space, then try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the disk it is on is read-only; copy it somewhere you may write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the disk or network folder it is on failed while reading or writing it; check that it is still connected, then try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the exhibit&apos;s title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the feature has no geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the feature lies outside Kazakhstan and its neighbours (lon {lon:.4f}, lat {lat:.4f}); check that latitude and longitude are not swapped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the feature {uuid} was not exported: its geometry cannot be read ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file or folder was not found; check that it is still where it was</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file or its folder is read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file or its folder is read-only; copy it somewhere you may write, or ask for write access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file to import (.geojson .shp .zip .dbf .kml .gpx .csv .gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the following arguments are required: {arguments}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the geometry cannot be read: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the geometry is in the coordinate system EPSG:{srid}; send it in longitude and latitude (EPSG:4326)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the geometry is not a GeoPackage geometry blob (SpatiaLite&apos;s or plain WKB, as SQL run in another program writes it): GDAL and QGIS skip it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the geometry is not a GeoPackage geometry blob and cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the geometry is not hex-encoded WKB</source>
        <translation>the geometry is not hex-encoded WKB</translation>
    </message>
    <message>
        <source>the geometry is not valid WKB</source>
        <translation>the geometry is not valid WKB</translation>
    </message>
    <message>
        <source>the geometry is not valid WKB of a linear geometry</source>
        <translation>the geometry is not valid WKB of a linear geometry</translation>
    </message>
    <message>
        <source>the geometry must be hex-encoded WKB text, not {value}</source>
        <translation>the geometry must be hex-encoded WKB text, not {value}</translation>
    </message>
    <message>
        <source>the geometry type cannot change from {old} to {new}: publish a new layer for the new kind of geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the image; any raster GDAL reads, in any CRS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the language of what baytak says: kk, ru or en (default: the environment&apos;s LANGUAGE, LC_ALL, LC_MESSAGES or LANG, else en); --json output is the same in every language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the layer definition (docs/layer-definitions.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the layer of a GeoPackage/KML/GPX/GML source, or the sheet of an XLSX/ODS, to read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the layer to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the layer to import into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the local store (a GeoPackage)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the number {raw!r} is stored as text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the outline crosses itself ({reason}): fix it automatically, or keep editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the polygon ring is not closed: its last point must repeat its first. Close the ring in the source file and import it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection before it answered; try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server database cannot be used: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server did not answer in time (a slow or broken connection?); try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server failed to answer (HTTP {status}); try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server has no such page (HTTP {status})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server is busy and asked to wait (HTTP {status})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused access (HTTP {status})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused the connection: it is not running there, or the address or port is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused the request (HTTP {status})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s layers and the schema revisions published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server, e.g. https://sync.baytak.kz</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the site&apos;s layer (found from the uuid when left out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the site&apos;s uuid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the text encoding of a Shapefile, DBF, CSV, KML/KMZ, GPX or GeoJSON (UTF-8, CP1251, CP866, KOI8-R, KZ-1048, CP1252); by default told from the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the text had a NUL character (an invisible control code); it was removed and the rest kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the time {raw!r} is not written as ISO 8601</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the track&apos;s name in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the uuid {uuid} is also on row {other}: a feature can be in the file once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value {value!r} of {field} of the feature {uuid} is not a {kind} and was left empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the yes/no value {raw!r} is not stored as 1 or 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>theirs {theirs} | mine {mine} ({author})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is more after the end of the definition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no network, or the server&apos;s name is mistyped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>times the recorded pace (default 1), or max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>title.en: the layer {other} has the title {title} already; give this layer another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>told from the text; --encoding chooses another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trees: {planted} planted ({lost} of them lost), {planned} planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trying again in {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unrecognized arguments: {arguments}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use --encoding NAME (one of UTF-8, CP1251, CP866, KOI8-R, KZ-1048, CP1252)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vocabulary_name {name} is given to different lists of codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>water bodies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>web map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what changed data, newest first: pushes, resolutions, reviews, account commands, publications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>when it was taken (orders before/after comparisons)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>where to write it (default: beside the store, named after it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>who logged it (created_by)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>who prepared the dossier (printed on it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write the evidence dossier (PDF) of one site: map, attributes, photos with their SHA-256 checked, edit history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you have no permission for it; ask whoever shared it for access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your user name on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{added} and {removed} list attachments as a push does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{baud} baud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{branch!r} is not a branch code; use one of: {codes}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} buffers of {km} around {layer} (--out FILE.geojson writes them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} buffers of {km} around {layer} written to {out}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} categories are too many for a legend (at most {most}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} demo feature(s) were not sent: demo data is illustrative and never goes to the server. Delete them from this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} edit(s) not sent: the server would refuse their values; see why: baytak conflicts {store}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} error(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} error(s), {fixable} repairable with --fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} open conflict(s): baytak conflicts {store}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{crs} is not a coordinate system: write it as an EPSG code, like EPSG:32643.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{dpi} dpi is out of range: use {low} to {high}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{encoding} is not a text encoding baytak knows. Use one of: {known}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} already exists: choose another name, or replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} already has a layer {layer}: choose another file, or replace that layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} cannot be opened: you have no permission to read it. Copy it into a folder of yours, or ask whoever shared it for read access ({library}: {detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} cannot be written: its folder does not let you write in it (no permission, or a read-only disk or share). Choose a folder of yours ({library}: {detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} cannot be written: the disk is full. Free some space, or choose another disk ({library}: {detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} contains no shapefile (.shp) or MapInfo table (.tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} contains no shapefile (.shp) or MapInfo table (.tab), but {found}: unzip it and import that file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} contains several tables: {known}. Choose one, or import them one at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has no column for the required field(s) {fields} of {layer}, and each of its columns already goes to another field. Match a column to each instead, or give a value for all rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has no shapefile or MapInfo table named {layer!r}. It holds: {known}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not a table: its first line is text, not column names (it begins {start!r}). Save the table as CSV with a header row of names, or choose the file of the table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: the time stamps of {count} GPS track(s) were not kept: this GDAL reads KML without its LIBKML driver, which alone has columns for them (the tracks are imported as lines)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first} or {second}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first}, {second} and {third}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first}; {second}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host}:{port} closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{method} is not allowed here; use {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name!r} is not a SHA-256 (64 lowercase hex digits).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} cannot be the name of who publishes: a name of at most {limit} visible characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is empty: it is computed from the geometry ({value})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} {stored} is stale: the geometry gives {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{others} or {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be read: check that it is a file and that you may read it ({library}: {detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: it contains no tiles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: it is a folder, not an MBTiles file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: it is an SQLite database without a &apos;tiles&apos; table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: it is damaged or cut short; download or copy it again (SQLite: {detail}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: it is not an MBTiles file (not an SQLite database).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: the file does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: the file is empty (0 bytes); download or copy it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a whole GPX file: it is damaged or cut short (a recording that stopped, a copy that did not finish?), or it is not GPX at all ({library}: {detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not an image that can be read: use GeoTIFF, Cloud-Optimised GeoTIFF or JPEG 2000 (GDAL: {detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}.{bound}: {value} is not a finite number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{word} ({code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} cannot be read as {kind}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A map tile could not be fetched: {reason}. Its address: {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {user} ({where}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection to {server} ({reason}): your {count} edits are safe on this computer and will be sent next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exhibit description holds a value this version of Baytak does not take (was it written by another version?), so nothing was made: make the exhibit again ({library}: {detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exhibit description is damaged or cut short, so nothing was made: make the exhibit again ({library}: {detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language of branch labels (default: the language baytak speaks, en with --json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language of every label (default: the language baytak speaks, en with --json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the dossier&apos;s language (default: the language baytak speaks, en with --json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the language of the demo data&apos;s names and notes (default: the language baytak speaks, en with --json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the language of the layers&apos; titles (default: the language baytak speaks, en with --json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} edit(s) refused by the server; see why: baytak conflicts {store}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} edit(s) still waiting (made during this sync, or refused: see baytak conflicts {store}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} cannot be written: the folder {folder} does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} cannot be written: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} contains a member with an unsafe name ({member}) that points outside the archive; it was not opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} does not say it is GPX 1.0 or 1.1; it was read as GPX 1.1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has a {found} column ({column}) but no {missing} column. Columns: {known}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has no column for the required field(s) {fields} of {layer}. Match one of its columns to each, or give a value for all rows. Its columns: {columns}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has no column {column!r}. Columns: {known}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has no coordinate system and its coordinates are not longitude/latitude. Re-export it with its coordinate system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has no features to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has no header line with column names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has no latitude and longitude columns. Name them lat and lon (or latitude/longitude, широта/долгота, ендік/бойлық), or one column координаты/coordinates, or choose them. Columns: {known}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has no layer named {layer!r}. Layers: {known}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has no layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has no rows in sheet {layer!r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has no sheet named {layer!r}. Sheets: {known}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has no {kind} features for layer {layer}: all {count} are of another geometry type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has several layers: {known}. Choose one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is a Baytak store: an export never writes into a store (it would replace its data). Choose another file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is a folder: choose a file inside it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is damaged or cut short (a download or a copy that did not finish?): copy or download it again ({library}: {detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is damaged: its {part} file has no valid header ({size} bytes). Copy or download it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is empty (0 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is incomplete: its {part} file is cut short ({size} of {expected} bytes). Copy or download it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not a format baytak can import. Supported: {known}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not a valid zip archive: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not a valid {kind} file: its content is not recognised. Check that it is not damaged or renamed from another format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not in a format that can be read: check that it is not damaged or renamed from another format ({library}: {detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not {encoding} text (byte {position} cannot be read): choose another encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is the store that is open now. To copy its data, export a layer to another file, or open a copy of the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is {kind}, whose text is always UTF-8: no encoding needs choosing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is {size:.1f} GB: files over 2 GB cannot be imported. Split it into smaller files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} line {line} has {count} values but the header has {columns} columns. Quote values that contain the separator {delimiter!r} (e.g. decimal commas) or use another separator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} was not found in {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} was not found: check that it is still where it was, and that the disk or network folder it is on is connected ({library}: {detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} would unpack to {size:.1f} GB, over the 2 GB limit; it was not opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: a column holds values of different kinds (numbers and text); they are read as text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: baytak cannot write {suffix!r} files. Supported: {known}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: its coordinate system gives no shift from its datum ({datum}) to WGS 84, so positions may be off by up to a few hundred metres. Re-export it with a coordinate system that has an EPSG code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: its coordinate system names Krasovsky&apos;s ellipsoid without a datum; it was read as Pulkovo 1942 (SK-42), the datum of Soviet and Kazakh maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: measures (M values) of the geometries were dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: measures (M values) of {count} features were dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: none of its {rows} rows is valid; nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: some characters could not be converted; check the encoding of the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: some geometries do not follow the format&apos;s rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: the heights (Z values) of {count} features were dropped: the layers store positions only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: {bad} of {rows} rows are invalid, nothing was imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: {count} values are longer than a Shapefile can hold ({limit} bytes, about 127 Cyrillic letters): {where}. Export to GeoPackage, GeoJSON or CSV instead, or shorten them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} is not a geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer} holds lines, not points: record a track along it and save the track into the layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer} holds outlines, not points: walk the outline and add a corner at your position instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer} holds points: use Add point at my position, or save the track into an outline layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} has no GPS position in its EXIF data: place the site on the map or type its coordinates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is empty (0 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not a photo: choose a JPEG, PNG, TIFF or WebP image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is {size_mb:.0f} MB; attachments may be at most {limit_mb} MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{option} takes {shape}, not {text!r}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{out}: a dossier is a PDF; name the file .pdf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{out}: the exhibit&apos;s format comes from its extension; use .html (web map), .pdf, .png or .svg (print layout).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{out}: the output must end in .pdf, .png or .svg.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{out}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} already exists: choose another file for the track.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} already exists; open it, or choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be read as an OpenStreetMap extract ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be read: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be written: {reason}. Copy it somewhere you may write, or ask for write access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} does not exist or is not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} exists and is not a basemap built by baytak; choose another name with --out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} has its own coordinate system ({crs}); a coordinate system is given only for an image placed by a world file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} has no coordinate system or georeference, so it cannot be placed on the map; georeference it first (for example in QGIS) and save it as a GeoTIFF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is a GeoPackage but not a Baytak store; it was left as it is. Create a store, then import this file&apos;s layers into it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is busy: another program is writing to it. Close it there and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a GPX track this program wrote; it cannot be repaired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a GPX track this program wrote; record into a new file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a GeoPackage: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not an OpenStreetMap extract: choose a .osm.pbf file (for example a country or region extract downloaded for offline use).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is placed by a world file, which names no coordinate system: give the one its coordinates are in (an EPSG code, e.g. EPSG:32643 for UTM zone 43N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path}: track point {number} cannot be read: its lat and lon must be numbers in degrees and its time an ISO 8601 time ({library}: {detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{place} has the wrong type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{place} is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{place} is not expected here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{place} is not one of the allowed values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{place} is not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{place} is out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{place} is too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{place} is too short or empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{program} (process {pid})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{program} has been holding {path} for {seconds:.0f} s, so nothing was changed here. Save or cancel the edits there (or close the file in it), then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{program} is writing to {path}, so it could not be read; nothing was changed. Let it finish (or close the file there), then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{program}: error: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{raw!r} is a label, not a code: the code is {value!r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason} ({library}: {detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{role}, all branches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{role}, branch {branch}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{server} is not a server address: write it whole, like https://sync.baytak.kz or http://192.168.1.10:8765</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{store} is not signed in to a server: sign in with baytak login {store} --server URL --user NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{store} is synced with {known}; it cannot sync with {server} too. Use a new store for another server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{store} is the demo store: its sites are illustrative and never go to a server. Create the store of your branch (baytak init FILE.gpkg) and sign that one in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{store}: the store cannot be read ({reason}); is it a GeoPackage made by baytak?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text!r} is not W,S,E,N in degrees, e.g. 76.5,43.0,78.0,44.0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text!r}: west &lt; east within ±180 and south &lt; north within ±90 are needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} is not a GPS source: write gpsd, serial:///dev/ttyUSB0, tcp://HOST:PORT, udp://:PORT or file:///PATH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} is not a date: write it as YYYY-MM-DD, e.g. 2026-07-15.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text}: a TCP source needs a host and a port, e.g. tcp://192.168.1.20:11123.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text}: name the serial port, e.g. serial:///dev/ttyUSB0 or serial://COM3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text}: the port must be a number from 1 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text}: the speed must be auto or one of {bauds}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{updated} rows updated the features with their uuid, {unchanged} were already as in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{user} is disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{user} is enabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{uuid!r} is not a lowercase UUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{uuid} in {layer} is demo data: its position and figures are illustrative, so the server does not keep it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} has a two-digit year that could be in either century: write the year in full (DD.MM.YYYY)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} is not a date and time (use ISO 8601)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} is not a finite number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} is not a real date (use YYYY-MM-DD or DD.MM.YYYY)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} is not a uuid; the feature gets a new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} is not a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} is not one of: {codes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} is not yes or no (use true/false, 1/0, иә/жоқ, да/нет)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} may mean {codes}: write one of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} is above the maximum {maximum:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} is before {earliest}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} is below the minimum {minimum:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} is in the future; an observation cannot be</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} is not a date and time written YYYY-MM-DDTHH:MM:SS.sssZ (only this spelling is accepted)</source>
        <translation>{value} is not a date and time written YYYY-MM-DDTHH:MM:SS.sssZ (only this spelling is accepted)</translation>
    </message>
    <message>
        <source>{value} is not a date written YYYY-MM-DD (only this spelling is accepted)</source>
        <translation>{value} is not a date written YYYY-MM-DD (only this spelling is accepted)</translation>
    </message>
    <message>
        <source>{value} is not a finite number</source>
        <translation>{value} is not a finite number</translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <translation>{value} is not a number</translation>
    </message>
    <message>
        <source>{value} is not a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} is not a value: send text, a number or a date</source>
        <translation>{value} is not a value: send text, a number or a date</translation>
    </message>
    <message>
        <source>{value} is not text; send it as text</source>
        <translation>{value} is not text; send it as text</translation>
    </message>
    <message>
        <source>{value} is outside {low}..{high}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} is too large for a number</source>
        <translation>{value} is too large for a number</translation>
    </message>
    <message>
        <source>{value} is too large for a whole number</source>
        <translation>{value} is too large for a whole number</translation>
    </message>
    <message>
        <source>{where}.name: every layer has a field {name} already; choose another name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}.vocabulary: at least one code must not be deprecated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}.vocabulary: the code {code} is listed {count} times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: a derived field is an optional real field without a vocabulary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: a vocabulary is for text fields (the codes are text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: is not a key of a layer definition (a typo?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: is too long (at most {limit})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: min_length and max_length are for text fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: min_length is above max_length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: minimum and maximum are for integer and real fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: must be a list [...], not {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: must be a number, not {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: must be a whole number, not {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: must be an object {{...}}, not {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: must be text in quotes, not {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: must be true or false, not {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: not_future is for date and datetime fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: the minimum {minimum:g} is above the maximum {maximum:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: vocabulary_name needs a vocabulary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: {measure} cannot be measured on a {geometry} layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: {value} cannot be used here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: {value} is not a colour like #d55e00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: {value} is not a valid code: Latin letters, digits, _ . and -</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: {value} is not a valid name: lower-case Latin letters, digits and _, starting with a letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: {value} is not one of: {expected}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: {value} is out of range ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field {field}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; and {count} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in to {server} has expired or was revoked ({reason}): sign in again with Sync › Connect to server…. Your edits are safe on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict {id} was already resolved on the server; the next sync brings its outcome.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no conflict {id} in {store}; the Conflicts panel lists them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is damaged: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditActions</name>
    <message>
        <source>Add a site from a geotagged photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.tif *.tiff *.webp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an area layer as the edit layer to walk its outline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapping tolerance in screen pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pan / identify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to pan the map, click a feature to see it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click on the map to add a point to the edited layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw &amp;area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the corners of a new area; double-click to finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw &amp;line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the points of a new line (a river, a canal); double-click to finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Move feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag a feature to move it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit &amp;corners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag, add or delete the corners of a feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a feature to delete it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Split area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a line across an area to cut it in two</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mer&amp;ge areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click two areas to make them one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure &amp;distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure a distance on the ellipsoid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure a&amp;rea</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure an area on the ellipsoid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;napping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snap clicks to vertices and edges of visible layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit &amp;attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the form of the selected feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add point at &amp;coordinates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type or paste a position, or take a GPX waypoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add from geotagged &amp;photo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place a site at the position where a photo was taken</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditCommand</name>
    <message>
        <source>Edit {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add feature to {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit attributes in {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit geometry in {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete feature from {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach photo in {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove photo in {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add feature from photo to {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split feature in {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge features in {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve conflict in {layer}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditFlow</name>
    <message>
        <source>A photo gives a point: choose a point layer to place sites from photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} has no GPS position in its EXIF data: place the site on the map or type its coordinates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop photos on a feature to attach them, or choose Add point to place a new site at a photo&apos;s position</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditSession</name>
    <message>
        <source>Nothing edited yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExhibitActions</name>
    <message>
        <source>&amp;Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;map…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the map as PDF, PNG or SVG with a legend, scale bar and north arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;web map…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save an interactive map as one HTML file that opens in any browser, with no internet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence &amp;dossier…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PDF of the selected site for auditors: map, attributes, photos with their SHA-256, history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Water area, trees planted and sites by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web map &amp;preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The web map as it will look in a browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting the map to {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The map was not exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export web map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting the web map to {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The web map was not exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The web map of %n feature(s) was written to {path}. It opens in any browser, with no internet.</source>
        <translation>
            <numerusform>The web map of %n feature was written to {path}. It opens in any browser, with no internet.</numerusform>
            <numerusform>The web map of %n features was written to {path}. It opens in any browser, with no internet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Web map exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making the evidence dossier {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dossier was not made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export a layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to save; the extension chooses the format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shapefile (*.shp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zipped shapefile (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KML (*.kml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV with coordinates (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportMapDialog</name>
    <message>
        <source>Export map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>West, south, east, north</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The map as it is shown now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A chosen extent (degrees)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Illegal quarries of Ile district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exhibit (*.{suffix})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder of the file does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FeatureDetails</name>
    <message>
        <source>Click a feature on the map or a row in the table to see it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This feature no longer exists (deleted or moved to another store).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store of this feature is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>computed from the geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identifier (uuid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position (lat, lon)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No local changes waiting to be synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added here; not yet synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed here, not yet synced: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Attachments (%n)</source>
        <translation>
            <numerusform>Attachments (%n)</numerusform>
            <numerusform>Attachments (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>(no file name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{size} bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken (camera time): {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera: {camera}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo position: {lat:.6f}, {lon:.6f}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FeatureForm</name>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least {minimum}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be from {minimum} to {maximum}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most {maximum}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This date is in the future; an observation cannot be</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates start in {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too long: {length} characters, at most {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A polygon needs at least 3 corners; this one has {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outline crosses itself: fix it automatically, or keep editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The position is outside the world: longitude must be -180…180 and latitude -90…90</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The site lies outside Kazakhstan and its neighbours: are latitude and longitude swapped?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place the feature on the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computed from the geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>* required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix outline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FeatureFormPanel</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the photos of this feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an edit tool and place a feature on the map, or select a feature and choose Edit &gt; Edit attributes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area, ha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observed on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receiving water</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discharge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flow, m³/day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Affected settlements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sampled on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Water body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area, km²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Species</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planted on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Survival, %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volunteers needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waste collected, kg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GpsActions</name>
    <message>
        <source>&amp;GPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read positions from a GPS receiver, gpsd, a phone or a recorded log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop reading the GPS receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Follow my position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep your position in view; moving the map by hand pauses it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;point at my position…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average the next fixes and add a point of the edited layer there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;corner at my position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk the outline of an area: each corner where you stand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Record track…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write your walk to a GPX file as you go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the track; going on starts a new segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop recording…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the GPX file; the walked outline can become an area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GPS receiver is not answering ({reason}); trying again in {seconds} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The NMEA log was replayed to its end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPS: not answering, trying again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPS: connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPS: no fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last fix {age}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPS: {quality}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n satellite(s)</source>
        <translation>
            <numerusform>%n satellite</numerusform>
            <numerusform>%n satellites</numerusform>
        </translation>
    </message>
    <message>
        <source>±{metres} m</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>track paused, %n point(s)</source>
        <translation>
            <numerusform>track paused, %n point</numerusform>
            <numerusform>track paused, %n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>recording, %n point(s)</source>
        <translation>
            <numerusform>recording, %n point</numerusform>
            <numerusform>recording, %n points</numerusform>
        </translation>
    </message>
    <message>
        <source>no fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPS fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DGPS fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PPS fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTK fixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTK float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>estimated (dead reckoning)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manual input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>simulation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Following your position is paused: GPS › Follow my position resumes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a point layer as the edit layer to add a point at your position.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No current GPS position: wait until the receiver has a fix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the track to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPX (*.gpx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Track saved to {path}: {points} points, {length} m.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n s ago</numerusform>
            <numerusform>%n s ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GpsConnectDialog</name>
    <message>
        <source>Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed (baud):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address of the phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port on this computer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NMEA log:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a GPS receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where do positions come from?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gpsd (the GPS service of this or another computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USB or Bluetooth receiver (serial port)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone sharing its GPS over the network (TCP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone sending its GPS to this computer (UDP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded NMEA log (replay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>10 times faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As fast as possible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start again at the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an NMEA log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NMEA logs (*.nmea *.log *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) changed</source>
        <translation>
            <numerusform>%n field changed</numerusform>
            <numerusform>%n fields changed</numerusform>
        </translation>
    </message>
    <message>
        <source>Revision {rev}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{old} → {new}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a feature to see its history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the history from the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{layer}: %n revision(s) on the server</source>
        <translation>
            <numerusform>{layer}: %n revision on the server</numerusform>
            <numerusform>{layer}: %n revisions on the server</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer in the file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text encoding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import into:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields (the column of the file for each field, or one value for every row):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (told from the file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CP1251 (Windows, Cyrillic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KZ-1048 (Windows, Kazakh)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CP866 (DOS, Cyrillic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CP1252 (Windows, Western European)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code page the file&apos;s text was written in. Choose another when names look garbled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the valid rows and skip the invalid ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value for rows without one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the only or every layer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files baytak can import (*.geojson *.json *.gpkg *.shp *.zip *.dbf *.tab *.mif *.kml *.kmz *.gpx *.gml *.fgb *.csv *.txt *.xlsx *.ods)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not imported (no field takes them): {columns}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs a column or a value: {fields}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as the file declares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as the .dbf file says</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>told from the text; choose another above if names look garbled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text read as {encoding} ({how}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be imported: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) in the file.</source>
        <translation>
            <numerusform>%n feature in the file.</numerusform>
            <numerusform>%n features in the file.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) have no usable geometry.</source>
        <translation>
            <numerusform>%n row has no usable geometry.</numerusform>
            <numerusform>%n rows have no usable geometry.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>Zoom to layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open attribute table</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s)</source>
        <translation>
            <numerusform>%n feature</numerusform>
            <numerusform>%n features</numerusform>
        </translation>
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick to show a layer; drag to change which is drawn on top; right-click for style, labels and the attribute table</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Layers</name>
    <message>
        <source>Quarries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brick factories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sewage outflows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shorelines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tree plantings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleanup plans</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocalAuthor</name>
    <message>
        <source>Your &amp;name on edits…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name recorded as the author of the features you add and change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name on edits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded as &quot;Created by&quot; and &quot;Changed by&quot; of the features you add and change. Leave empty to use the name you sign in with, or this computer&apos;s user name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockWait</name>
    <message>
        <source>Waiting for {program}, which has the store open for writing ({seconds} s)…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store&apos;s new layers and fields could not be read: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening {file}: another program is writing to it. It opens as soon as that program is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (demo store: illustrative data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sync with the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving your edits… the window closes when they are written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel and close?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still running:
{jobs}

Cancel and close the window? The store stays as it was before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling… the window closes when the store is as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <source>Map</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapTool</name>
    <message>
        <source>Click on the map where the site is, or drop a geotagged photo on the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The position is outside the world: longitude must be -180…180 and latitude -90…90</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the map data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A polygon needs at least 3 corners; this one has {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outline crosses itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “{name}” from {layer}? You can undo this with Undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %n feature(s) from {layer}? Undo restores them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a feature of the edited layer to delete it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the corners; double-click or Enter to finish, Backspace removes the last corner, Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the points of the line; double-click or Enter to finish, Backspace removes the last point, Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outline crosses itself. Fix it automatically (the crossing parts become separate parts of the area), or keep editing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix outline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A line needs at least 2 points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the corners of the area to measure; double-click to finish, Esc clears</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click points to measure the distance along them; double-click to finish, Esc clears</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag a feature of the edited layer to move it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a line across an area to cut it in two; double-click or Enter to cut, Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The line does not cut across an area of the edited layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the area to keep (its attributes stay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the area to merge into it; Esc starts again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a feature, then drag its corners; double-click an edge to add a corner, Delete removes the chosen corner</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Measure</name>
    <message>
        <source>{value} m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} ha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} km²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area {area}, perimeter {perimeter}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distance {length}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeasureResult</name>
    <message>
        <source>Click on the map to measure</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OnlineTiles</name>
    <message>
        <source>“{url}” is not a tile address: it must start with http:// or https:// and contain {{z}}, {{x}} and {{y}}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address of an XYZ tile server, with {z}, {x} and {y} (tiles are kept on this computer for use without a connection; leave empty for none):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpacityControl</name>
    <message>
        <source>{value} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How opaque the current layer is drawn</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhotoFlags</name>
    <message>
        <source>Taken {distance} from the site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days} days before the observation ({date})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days} days after the observation ({date})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} m</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>Attach photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.tif *.tiff *.webp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photos yet: add them here or drop them onto this form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the feature to attach photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256: {sha}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken: unknown (no EXIF time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position: {position}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop photos here to attach them</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReferencePanel</name>
    <message>
        <source>Basemaps and imagery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One date at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the images taken on the date chosen with the slider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the top image only left of the slider&apos;s position, to compare it with what is under it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not on this device: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenStreetMap: {title}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why? The reporter reads this after their next sync:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed since:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to review your branch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only coordinators review reports. Reports of yours that were sent back are listed below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) created or changed by others.</source>
        <translation>
            <numerusform>%n feature created or changed by others.</numerusform>
            <numerusform>%n features created or changed by others.</numerusform>
        </translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned to you: look at these reports again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Zoom to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark &amp;verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;ject…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScaleBar</name>
    <message>
        <source>Scale at the centre of the map, measured on the ellipsoid</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Scale 1:{n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo store: illustrative data, never synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) not yet synced</source>
        <translation>
            <numerusform>%n edit not yet synced</numerusform>
            <numerusform>%n edits not yet synced</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StepAction</name>
    <message>
        <source>&amp;Undo {step}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo {step}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreProblems</name>
    <message>
        <source>The layer {layer} cannot be read ({reason}); the other layers are shown. Run “baytak validate” on the store for details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store has a layer {layer} that Baytak does not know; it is not shown here (QGIS can open it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store is open read-only: it could not be upgraded or repaired, so nothing can be changed in it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StyleDialog</name>
    <message>
        <source>The field {field} has no values in this layer yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style of {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Single symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categorized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One category per value of the field, each with its own colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StylesModel</name>
    <message>
        <source>The style is used but could not be saved in the store: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SymbolEditor</name>
    <message>
        <source>Fill of other values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outline colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line colour of other values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outline width, px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line width, px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point size, px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill transparency, %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncActions</name>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync finished: {sent} sent, {merged} merged, {received} received, {conflicts} conflicts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) to settle: see the Conflicts panel.</source>
        <translation>
            <numerusform>%n conflict to settle: see the Conflicts panel.</numerusform>
            <numerusform>%n conflicts to settle: see the Conflicts panel.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server refused %n edit(s): see the Conflicts panel.</source>
        <translation>
            <numerusform>The server refused %n edit: see the Conflicts panel.</numerusform>
            <numerusform>The server refused %n edits: see the Conflicts panel.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) wait for the next sync.</source>
        <translation>
            <numerusform>%n edit waits for the next sync.</numerusform>
            <numerusform>%n edits wait for the next sync.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync cancelled: nothing was lost; your edits go with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait until the sync that is running has finished, then resolve.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to a server to see the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sync is running: reload when it has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Automatic sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect to server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to a Baytak server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send your edits and get everyone else&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget this computer&apos;s sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Every %n minute(s)</source>
        <translation>
            <numerusform>Every %n minute</numerusform>
            <numerusform>Every %n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change history</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncProgress</name>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the sync; nothing is lost, the rest goes next time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncTexts</name>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No connection: your %n edit(s) are safe on this computer and will be sent next time.</source>
        <translation>
            <numerusform>No connection: your %n edit is safe on this computer and will be sent next time.</numerusform>
            <numerusform>No connection: your %n edits are safe on this computer and will be sent next time.</numerusform>
        </translation>
    </message>
    <message>
        <source>This store is not signed in to a server: use Sync &gt; Connect to server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in has expired or was revoked: sign in again. Your edits are safe on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not handle the request ({code}). Your edits are safe on this computer; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed sign-ins: wait a few minutes and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account is disabled: ask your coordinator.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrackSaveDialog</name>
    <message>
        <source>Save the walked track</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The track has {points} points, {length} m walked. Save it as a new feature: the outline of an area, or a line (a river bank, a canal)? The GPX file stays either way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corners closer than this to the outline are dropped: the footsteps&apos; zig-zag goes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simplify:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as outline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep only the GPX</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebMapDock</name>
    <message>
        <source>Web map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web map preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build the web map again from the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No store is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the web map…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: nothing is fetched from the internet. Click a feature to select it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The web map could not be built: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview is not available here: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebMapPreview</name>
    <message>
        <source>Web map preview</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Open a GeoPackage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoPackage files (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Baytak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baytak keeps your sites (quarries, brick factories, sewage outflows, tree plantings, cleanups) on this computer and works without the Internet. How would you like to start?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My &amp;branch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the demo map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look around first: sample sites across Kazakhstan (illustrative positions).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an empty store for my branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new store for the branch chosen above, saved in {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an existing GeoPackage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A store a colleague gave you, or any GeoPackage (.gpkg).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to your party&apos;s sync server and get your branch&apos;s data.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a GeoPackage store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new, empty store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a file into a layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export a layer to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add basemap (.osm.pbf)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build an offline basemap from an OpenStreetMap extract and add it to the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add imagery…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a drone or satellite image (GeoTIFF, JPEG 2000, …) to the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;basemap (MBTiles)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show raster tiles from an MBTiles file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close Baytak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to &amp;Kazakhstan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole of Kazakhstan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to &amp;layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole of the current layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Basemap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the basemap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online &amp;tiles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show tiles from an online XYZ server, kept on this computer for offline use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Baytak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions and data attributions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowJobs</name>
    <message>
        <source>This file cannot be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoPackage stores (*.gpkg);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoPackage stores (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store cannot be created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {file} into {layer}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled: the store is as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) imported into {layer}.</source>
        <translation>
            <numerusform>%n feature imported into {layer}.</numerusform>
            <numerusform>%n features imported into {layer}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) already there were updated.</source>
        <translation>
            <numerusform>%n feature already there was updated.</numerusform>
            <numerusform>%n features already there were updated.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some rows were skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a basemap from an OpenStreetMap extract</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenStreetMap extracts (*.osm.pbf *.pbf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No basemap was added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building a basemap from {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basemap cancelled: nothing was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basemap {title} added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a drone or satellite image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.tif *.tiff *.jp2 *.jpg *.jpeg *.png *.img *.vrt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When was it taken?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date the image was taken (YYYY-MM-DD), or leave empty:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No image was added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding the image {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image cancelled: nothing was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordinate system of the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image {title} added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) of the file are invalid, so nothing was imported. Fix them in the file, or import again with “{option}” ticked. The rows and the reasons are in the details.</source>
        <translation>
            <numerusform>%n row of the file is invalid, so nothing was imported. Fix it in the file, or import again with “{option}” ticked. The row and the reason are in the details.</numerusform>
            <numerusform>%n rows of the file are invalid, so nothing was imported. Fix them in the file, or import again with “{option}” ticked. The rows and the reasons are in the details.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were invalid and skipped.</source>
        <translation>
            <numerusform>%n row was invalid and skipped.</numerusform>
            <numerusform>%n rows were invalid and skipped.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting {layer} to {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) exported to {file}.</source>
        <translation>
            <numerusform>%n feature exported to {file}.</numerusform>
            <numerusform>%n features exported to {file}.</numerusform>
        </translation>
    </message>
    <message>
        <source>The layer was not exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported, with notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were already in the store as they are in the file.</source>
        <translation>
            <numerusform>%n row was already in the store as it is in the file.</numerusform>
            <numerusform>%n rows were already in the store as they are in the file.</numerusform>
        </translation>
    </message>
    <message>
        <source>Text read as {encoding}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not imported (no field takes them): {columns}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} already exists. Replace it? (In a GeoPackage only the layer {layer} is replaced; a Baytak store is never replaced.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some features were not exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) could not be written.</source>
        <translation>
            <numerusform>%n feature could not be written.</numerusform>
            <numerusform>%n features could not be written.</numerusform>
        </translation>
    </message>
    <message>
        <source>Add a basemap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MBTiles files (*.mbtiles)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
