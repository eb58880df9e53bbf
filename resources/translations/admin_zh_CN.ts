<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminWindow</name>
    <message>
        <location filename="../../ui/admin/window.py" line="642"/>
        <source>Workshop — administration</source>
        <translation>Workshop — 管理</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="646"/>
        <source>Administration: sign in as a manager</source>
        <translation>管理：请以经理身份登录</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="655"/>
        <source>Administration</source>
        <translation>管理</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="661"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="669"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="670"/>
        <source>Bays</source>
        <translation>工位</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="671"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="672"/>
        <source>Labour</source>
        <translation>工时项目</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="673"/>
        <source>Parts</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="679"/>
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="681"/>
        <source>Audit trail</source>
        <translation>操作记录</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="704"/>
        <source>Locked after a while without use: sign in again.</source>
        <translation>长时间未操作已锁定：请重新登录。</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="713"/>
        <source>added</source>
        <translation>已新增</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="714"/>
        <source>saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="715"/>
        <source>deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="716"/>
        <source>reactivated</source>
        <translation>已重新启用</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="717"/>
        <source>has a new PIN</source>
        <translation>已设置新密码</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="727"/>
        <source>Administration · {store}</source>
        <translation>管理 · {store}</translation>
    </message>
</context>
<context>
    <name>AttendanceTab</name>
    <message>
        <location filename="../../ui/admin/window.py" line="470"/>
        <source>Show the day</source>
        <translation>查看当天</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="472"/>
        <location filename="../../ui/admin/window.py" line="520"/>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="474"/>
        <location filename="../../ui/admin/window.py" line="520"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="486"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="486"/>
        <source>Clock event</source>
        <translation>打卡记录</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="504"/>
        <source>Why the day is corrected (required)</source>
        <translation>更正原因（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="505"/>
        <location filename="../../ui/admin/window.py" line="521"/>
        <source>Shifts</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="506"/>
        <source>Breaks</source>
        <translation>休息</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="507"/>
        <location filename="../../ui/admin/window.py" line="521"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="510"/>
        <source>Save the correction</source>
        <translation>保存更正</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="516"/>
        <source>Corrections (last two months)</source>
        <translation>更正记录（近两个月）</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="520"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="520"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="489"/>
        <source>clocked in</source>
        <translation>上班打卡</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="490"/>
        <source>clocked out</source>
        <translation>下班打卡</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="491"/>
        <source>break started</source>
        <translation>开始休息</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="492"/>
        <source>break ended</source>
        <translation>结束休息</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="580"/>
        <source>no clock events on this day</source>
        <translation>当天没有打卡记录</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="587"/>
        <source>corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="589"/>
        <source>a clock-out is missing</source>
        <translation>缺少下班打卡</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="591"/>
        <source>{head} · shifts {shifts} · breaks {breaks} · at work {hours} h</source>
        <translation>{head} · 班次 {shifts} · 休息 {breaks} · 在岗 {hours} 小时</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="628"/>
        <source>Corrected: {hours} h at work.</source>
        <translation>已更正：在岗 {hours} 小时。</translation>
    </message>
</context>
<context>
    <name>CatalogueTab</name>
    <message>
        <location filename="../../ui/admin/window.py" line="200"/>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="201"/>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="202"/>
        <location filename="../../ui/admin/window.py" line="283"/>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="203"/>
        <source>Reset PIN…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="220"/>
        <source>Stock moves through the parts ledger; it is shown, not edited.</source>
        <translation>库存只通过配件台账变动；此处仅显示，不可修改。</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="211"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="211"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="282"/>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../../ui/admin/window.py" line="105"/>
        <source>New entry</source>
        <translation>新增条目</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="105"/>
        <source>Edit {key}</source>
        <translation>修改 {key}</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="124"/>
        <source>4 to 8 digits</source>
        <translation>4 至 8 位数字</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="126"/>
        <source>Initial PIN</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="133"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="134"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../ui/admin/window.py" line="161"/>
        <source>New PIN for {code}</source>
        <translation>为 {code} 设置新密码</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="165"/>
        <source>4 to 8 digits</source>
        <translation>4 至 8 位数字</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="166"/>
        <source>New PIN</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="171"/>
        <source>Set PIN</source>
        <translation>设置密码</translation>
    </message>
</context>
<context>
    <name>TrailTab</name>
    <message>
        <location filename="../../ui/admin/window.py" line="376"/>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="378"/>
        <source>RO number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="382"/>
        <source>Every kind</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="383"/>
        <source>Catalogue changes</source>
        <translation>目录修改</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="384"/>
        <source>Staff: sign-in, PINs</source>
        <translation>员工：登录、密码</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="385"/>
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="386"/>
        <source>Set-up imports</source>
        <translation>初始化导入</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="387"/>
        <source>Repair orders</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="388"/>
        <source>Jobs and steps</source>
        <translation>作业与工序</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="389"/>
        <source>Invoices</source>
        <translation>发票</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="392"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="393"/>
        <source>Older</source>
        <translation>更早</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="395"/>
        <location filename="../../ui/admin/window.py" line="411"/>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="397"/>
        <location filename="../../ui/admin/window.py" line="411"/>
        <source>RO</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="399"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="411"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="411"/>
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="411"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
</TS>
