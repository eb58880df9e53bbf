<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LoungeBoardWidget</name>
    <message>
        <location filename="../../ui/lounge/board.py" line="36"/>
        <source>Received</source>
        <translation>接车</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="37"/>
        <source>Waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="38"/>
        <source>In bay</source>
        <translation>进工位</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="39"/>
        <source>Repair</source>
        <translation>维修</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="40"/>
        <location filename="../../ui/lounge/board.py" line="51"/>
        <source>Quality check</source>
        <translation>质检</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="41"/>
        <source>Wash</source>
        <translation>洗车</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="42"/>
        <location filename="../../ui/lounge/board.py" line="540"/>
        <source>Ready</source>
        <translation>完工</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="45"/>
        <source>Checked in</source>
        <translation>已接车</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="46"/>
        <source>Waiting for a bay</source>
        <translation>等待进工位</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="47"/>
        <source>In the bay</source>
        <translation>已进工位</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="48"/>
        <source>Diagnosis</source>
        <translation>故障诊断</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="49"/>
        <source>Being repaired</source>
        <translation>维修中</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="50"/>
        <source>Road test</source>
        <translation>路试</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="52"/>
        <source>Being washed</source>
        <translation>洗车中</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="53"/>
        <source>Ready for pick-up</source>
        <translation>已完工，可取车</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="56"/>
        <source>Waiting for parts</source>
        <translation>等待配件</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="57"/>
        <source>Waiting for approval</source>
        <translation>等待您确认</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="58"/>
        <source>Short break</source>
        <translation>短暂休息</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="59"/>
        <source>Waiting for you</source>
        <translation>等待您到场</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="60"/>
        <location filename="../../ui/lounge/board.py" line="539"/>
        <source>Paused</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="64"/>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="65"/>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="66"/>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="67"/>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="68"/>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="69"/>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="70"/>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="212"/>
        <source>No cars in the workshop right now</source>
        <translation>当前没有在修车辆</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="214"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="266"/>
        <source>Live service progress</source>
        <translation>车辆维修进度 · 实时更新</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="280"/>
        <source>%3 · %1/%2</source>
        <translation>%1月%2日 %3</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="300"/>
        <source>Reconnecting…</source>
        <translation>正在重新连接…</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="328"/>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="329"/>
        <source>Progress</source>
        <translation>维修进度</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="330"/>
        <source>Bay · Technician</source>
        <translation>工位 · 技师</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="338"/>
        <source>Expected ready</source>
        <translation>预计完工</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="399"/>
        <source>Being assigned</source>
        <translation>正在安排</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="405"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="408"/>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="409"/>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="412"/>
        <source>Tech %1</source>
        <translation>技师 %1</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="504"/>
        <source>✓ Ready</source>
        <translation>✓ 可取车</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="509"/>
        <source>since %1</source>
        <translation>%1 完工</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="520"/>
        <source>%1 behind promise</source>
        <translation>比承诺晚 %1</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="523"/>
        <source>promised %1</source>
        <translation>承诺 %1</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="538"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="541"/>
        <source>Behind promise</source>
        <translation>晚于承诺</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="568"/>
        <source>Page %1 of %2</source>
        <translation>第 %1/%2 页</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/board.py" line="575"/>
        <source>Scan the QR code on your check-in ticket to follow your car on your phone</source>
        <translation>扫描接车单上的二维码，用手机随时查看进度</translation>
    </message>
</context>
<context>
    <name>LoungeWindow</name>
    <message>
        <location filename="../../ui/lounge/window.py" line="60"/>
        <source>Lounge board</source>
        <translation>休息区看板</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/window.py" line="186"/>
        <source>Esc: leave full screen · F11: full screen</source>
        <translation>Esc：退出全屏 · F11：全屏</translation>
    </message>
    <message>
        <location filename="../../ui/lounge/window.py" line="191"/>
        <source>F11: full screen</source>
        <translation>F11：全屏</translation>
    </message>
</context>
</TS>
