<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LoungeBoardWidget</name>
    <message>
        <location filename="../../ui/lounge/board.py" line="525"/>
        <source>Ready</source>
        <translation>完工</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="524"/>
        <source>Paused</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="39"/>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="40"/>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="41"/>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="42"/>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="43"/>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="44"/>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="45"/>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="192"/>
        <source>No cars in the workshop right now</source>
        <translation>当前没有在修车辆</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="194"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="246"/>
        <source>Live service progress</source>
        <translation>车辆维修进度 · 实时更新</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="260"/>
        <source>%3 · %1/%2</source>
        <translation>%1月%2日 %3</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="280"/>
        <source>Reconnecting…</source>
        <translation>正在重新连接…</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="308"/>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="309"/>
        <source>Progress</source>
        <translation>维修进度</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="310"/>
        <source>Bay · Technician</source>
        <translation>工位 · 技师</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="318"/>
        <source>Expected ready</source>
        <translation>预计完工</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="379"/>
        <source>Being assigned</source>
        <translation>正在安排</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="385"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="388"/>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="389"/>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="392"/>
        <source>Tech %1</source>
        <translation>技师 %1</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="489"/>
        <source>✓ Ready</source>
        <translation>✓ 可取车</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="494"/>
        <source>since %1</source>
        <translation>%1 完工</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="505"/>
        <source>%1 behind promise</source>
        <translation>比承诺晚 %1</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="508"/>
        <source>promised %1</source>
        <translation>承诺 %1</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="523"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="526"/>
        <source>Behind promise</source>
        <translation>晚于承诺</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="553"/>
        <source>Page %1 of %2</source>
        <translation>第 %1/%2 页</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="560"/>
        <source>Scan the QR code on your check-in ticket to follow your car on your phone</source>
        <translation>扫描接车单上的二维码，用手机随时查看进度</translation>
    </message>
</context>
<context>
    <name>LoungeWindow</name>
    <message>
        <location filename="../../ui/lounge/window.py" line="62"/>
        <source>Lounge board</source>
        <translation>休息区看板</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/window.py" line="189"/>
        <source>Esc: leave full screen · F11: full screen</source>
        <translation>Esc：退出全屏 · F11：全屏</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/window.py" line="194"/>
        <source>F11: full screen</source>
        <translation>F11：全屏</translation>
    </message>
</context>
</TS>
