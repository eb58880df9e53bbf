<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppointmentsPanel</name>
    <message>
        <location filename="../../ui/front_desk/appointments_panel.py" line="60"/>
        <source>Reconnecting to the database… (try {0})</source>
        <translation>正在重新连接数据库…（第 {0} 次）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/appointments_panel.py" line="72"/>
        <source>Book…</source>
        <translation>预约…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/appointments_panel.py" line="74"/>
        <source>Book an appointment (Ctrl+B)</source>
        <translation>新建预约（Ctrl+B）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/appointments_panel.py" line="76"/>
        <source>Move…</source>
        <translation>改约…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/appointments_panel.py" line="77"/>
        <source>Cancel appointment</source>
        <translation>取消预约</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/appointments_panel.py" line="92"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/appointments_panel.py" line="93"/>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/appointments_panel.py" line="94"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/appointments_panel.py" line="95"/>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/appointments_panel.py" line="96"/>
        <source>Operations</source>
        <translation>维修项目</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/appointments_panel.py" line="97"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/appointments_panel.py" line="98"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/appointments_panel.py" line="169"/>
        <source>{0} of {1} bays booked</source>
        <translation>{1} 个工位已约 {0} 个</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/appointments_panel.py" line="181"/>
        <source>Select an appointment first.</source>
        <translation>请先选择一个预约。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/appointments_panel.py" line="209"/>
        <source>Booked {0} at {1}.</source>
        <translation>已为 {0} 预约 {1}。</translation>
    </message>
</context>
<context>
    <name>ArrivalsPanel</name>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="69"/>
        <source>Reconnecting to the database… (try {0})</source>
        <translation>正在重新连接数据库…（第 {0} 次）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="79"/>
        <source>Connecting to the camera…</source>
        <translation>正在连接摄像头…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="83"/>
        <source>The lane PC reads the plates
Arrivals from the barrier appear below</source>
        <translation>车道电脑负责识别车牌
道闸到达的车辆显示在下方</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="87"/>
        <source>No camera configured
Arrivals from the barrier still appear below</source>
        <translation>未配置摄像头
道闸来车仍会显示在下方</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="89"/>
        <source>No camera</source>
        <translation>无摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="98"/>
        <source>Barrier · Entry</source>
        <translation>道闸 · 入口</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="100"/>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="420"/>
        <source>Live</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="108"/>
        <source>Latest reads</source>
        <translation>最近识别</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="152"/>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="354"/>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="413"/>
        <source>Start reception</source>
        <translation>开始接车</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="155"/>
        <source>Open a repair order for this car (F2)</source>
        <translation>为这辆车开工单（F2）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="156"/>
        <source>Open gate</source>
        <translation>开闸</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="158"/>
        <source>Open the entry barrier (F8)</source>
        <translation>打开入口道闸（F8）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="159"/>
        <source>Correct plate</source>
        <translation>更正车牌</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="161"/>
        <source>Type the right plate for a misread (Ctrl+K)</source>
        <translation>识别有误时输入正确车牌（Ctrl+K）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="162"/>
        <source>Refuse</source>
        <translation>拒绝入场</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="163"/>
        <source>Keep this car out: the barrier stays shut</source>
        <translation>不让此车进入：道闸保持关闭</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="165"/>
        <source>The car is this one: take its plate</source>
        <translation>就是这辆车：采用它的车牌</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="166"/>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="167"/>
        <source>Not a customer: take it off the queue</source>
        <translation>非客户车辆：移出队列</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="180"/>
        <source>No barrier configured</source>
        <translation>未配置道闸</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="183"/>
        <source>Waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="223"/>
        <source>Lane ({0}): {1}</source>
        <translation>车道（{0}）：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="227"/>
        <source>{0}: the barrier did not open: {1}</source>
        <translation>{0}：道闸未打开：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="233"/>
        <source>{0} at the barrier: please decide.</source>
        <translation>{0} 在道闸前：请决定。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="262"/>
        <source>Waiting ({0})</source>
        <translation>等待接待（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="273"/>
        <source>received</source>
        <translation>已接车</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="274"/>
        <source>dismissed</source>
        <translation>已忽略</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="275"/>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="304"/>
        <source>in shop</source>
        <translation>在店</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="306"/>
        <source>booked {0}</source>
        <translation>预约 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="308"/>
        <source>known</source>
        <translation>老客户</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="310"/>
        <source>new</source>
        <translation>新车</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="342"/>
        <source>It is {0}</source>
        <translation>是 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="348"/>
        <source>No car waiting at the barrier.</source>
        <translation>道闸前没有等待的车辆。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="357"/>
        <source>Read {0} at {1}, confidence {2:.0%}</source>
        <translation>{1} 识别为 {0}，置信度 {2:.0%}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="361"/>
        <source>corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="363"/>
        <source>matched {0}</source>
        <translation>匹配为 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="365"/>
        <source>barrier opened</source>
        <translation>道闸已开</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="367"/>
        <source>waiting for your decision</source>
        <translation>等待您的决定</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="371"/>
        <source>Booked</source>
        <translation>已预约</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="373"/>
        <source>Known vehicle</source>
        <translation>老客户车辆</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="375"/>
        <source>Not in our records</source>
        <translation>未建档车辆</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="392"/>
        <source>Unknown vehicle: reception will register it.</source>
        <translation>未建档车辆：接车时建档。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="397"/>
        <source>Appointment {0} · {1}</source>
        <translation>预约 {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="400"/>
        <source>No appointment today</source>
        <translation>今日无预约</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="402"/>
        <source>Open campaign: {0} {1}</source>
        <translation>未完成的服务活动：{0} {1}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="405"/>
        <source>{0} follow-up(s) to offer again</source>
        <translation>{0} 项待跟进工作，可再次推荐</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="409"/>
        <source>Already in the shop on {0}.</source>
        <translation>已在店内，工单 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="410"/>
        <source>Open {0}</source>
        <translation>打开 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="422"/>
        <source>Camera offline</source>
        <translation>摄像头离线</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="423"/>
        <source>Camera offline — retrying…</source>
        <translation>摄像头离线 — 正在重试…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="481"/>
        <source>Repair order {0} opened for {1}.</source>
        <translation>已为 {1} 开工单 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="501"/>
        <source>Gate opened.</source>
        <translation>道闸已打开。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="505"/>
        <source>The gate did not open: {0}</source>
        <translation>道闸未打开：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="528"/>
        <source>Plate corrected to {0}.</source>
        <translation>车牌已更正为 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/arrivals_panel.py" line="549"/>
        <source>{0} refused: the barrier stays shut.</source>
        <translation>{0} 已拒绝：道闸保持关闭。</translation>
    </message>
</context>
<context>
    <name>BookAppointmentDialog</name>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="156"/>
        <source>Book appointment</source>
        <translation>新建预约</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="166"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="168"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="173"/>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="174"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="175"/>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="176"/>
        <source>Operation</source>
        <translation>维修项目</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="177"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ChangePinDialog</name>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="268"/>
        <source>Change my PIN</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="273"/>
        <source>Current PIN</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="274"/>
        <source>New PIN (4 to 8 digits)</source>
        <translation>新密码（4 到 8 位数字）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="275"/>
        <source>New PIN again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="282"/>
        <source>The two new PINs differ</source>
        <translation>两次输入的新密码不一致</translation>
    </message>
</context>
<context>
    <name>CorrectPlateDialog</name>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="59"/>
        <source>Correct plate</source>
        <translation>更正车牌</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="62"/>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="226"/>
        <source>Dispatch job</source>
        <translation>派工</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="233"/>
        <source>Bay</source>
        <translation>工位</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="234"/>
        <source>Technician</source>
        <translation>技师</translation>
    </message>
</context>
<context>
    <name>DispatchPanel</name>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="224"/>
        <source>Suggest</source>
        <translation>智能派工</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="227"/>
        <source>Plan the waiting jobs by skills, equipment, load and promises (Ctrl+G)</source>
        <translation>按技能、设备、负荷和承诺时间安排待派作业（Ctrl+G）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="231"/>
        <source>Apply suggestion</source>
        <translation>采用建议</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="232"/>
        <source>Dispatch every proposed job (Ctrl+Shift+G)</source>
        <translation>按建议派出全部作业（Ctrl+Shift+G）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="240"/>
        <source>Waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="241"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="242"/>
        <source>Paused</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="243"/>
        <source>Ready</source>
        <translation>完工</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="244"/>
        <source>Late</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="277"/>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="278"/>
        <source>Job</source>
        <translation>作业</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="279"/>
        <source>Bay</source>
        <translation>工位</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="280"/>
        <source>Technician</source>
        <translation>技师</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="281"/>
        <source>Start–end</source>
        <translation>开始–结束</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="282"/>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="285"/>
        <source>Promised</source>
        <translation>承诺时间</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="285"/>
        <source>Promise at risk</source>
        <translation>承诺可能超时</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="285"/>
        <source>Expected</source>
        <translation>预计完成</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="372"/>
        <source>Technicians</source>
        <translation>技师</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="406"/>
        <source>Reconnecting to the database… (try {0})</source>
        <translation>正在重新连接数据库…（第 {0} 次）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="345"/>
        <source>{0} jobs · {1} waiting for dispatch · {2} past promise</source>
        <translation>{0} 个作业 · {1} 个待派工 · {2} 个已过承诺时间</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="330"/>
        <source>To dispatch</source>
        <translation>待派工</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="415"/>
        <source>Dispatched to {0} · {1}.</source>
        <translation>已派工到 {0} · {1}。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="430"/>
        <source>Planning…</source>
        <translation>正在计划…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="447"/>
        <source>{0} jobs proposed, {1} promises at risk.</source>
        <translation>建议 {0} 个作业，{1} 个承诺可能超时。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="465"/>
        <source>{0} dispatched; {1} not: {2}</source>
        <translation>已派 {0} 个；{1} 个未派：{2}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="471"/>
        <source>{0} jobs dispatched.</source>
        <translation>已派出 {0} 个作业。</translation>
    </message>
</context>
<context>
    <name>ExitStrip</name>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="95"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="98"/>
        <source>No exit camera here</source>
        <translation>本台未接出口摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="99"/>
        <source>No camera</source>
        <translation>无摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="110"/>
        <source>Barrier · Exit</source>
        <translation>道闸 · 出口</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="117"/>
        <location filename="../../ui/front_desk/exit_strip.py" line="236"/>
        <source>Live</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="112"/>
        <source>Let out…</source>
        <translation>放行…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="114"/>
        <source>A manager lets this car out without a settled repair order</source>
        <translation>经理放行未结算工单的车辆</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="153"/>
        <source>{0} delivered</source>
        <translation>{0} 已交车</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="155"/>
        <source>Let out by a manager: {0}</source>
        <translation>经理放行：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="156"/>
        <source>Barrier opened</source>
        <translation>已开闸</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="158"/>
        <source>The barrier did not open</source>
        <translation>道闸未打开</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="160"/>
        <source>Invoice {0} not paid</source>
        <translation>发票 {0} 未付清</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="161"/>
        <source>{0} not invoiced yet</source>
        <translation>{0} 尚未开票</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="162"/>
        <source>{0}: work not finished</source>
        <translation>{0}：维修未完成</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="163"/>
        <source>No settled repair order</source>
        <translation>没有已结算的工单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="171"/>
        <source>No car yet</source>
        <translation>暂无车辆</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="173"/>
        <source>Cars leaving today appear here.</source>
        <translation>今天离场的车辆显示在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="183"/>
        <source>Left · delivered</source>
        <translation>已离场 · 已交车</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="183"/>
        <source>Left</source>
        <translation>已离场</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="187"/>
        <source>Held</source>
        <translation>未放行</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="190"/>
        <source>Barrier fault</source>
        <translation>道闸故障</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="238"/>
        <source>Camera offline</source>
        <translation>摄像头离线</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="239"/>
        <source>Camera offline — retrying…</source>
        <translation>摄像头离线 — 正在重试…</translation>
    </message>
</context>
<context>
    <name>FindPanel</name>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="61"/>
        <source>Plate, phone, VIN or owner — e.g. 粤B12, 1390, LSV…, 王</source>
        <translation>车牌、电话、VIN 或车主 — 如 粤B12、1390、LSV…、王</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="64"/>
        <source>Find (Ctrl+F)</source>
        <translation>查找（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="70"/>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="71"/>
        <location filename="../../ui/front_desk/find_panel.py" line="224"/>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="72"/>
        <source>Owner</source>
        <translation>车主</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="73"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="74"/>
        <location filename="../../ui/front_desk/find_panel.py" line="123"/>
        <source>Mileage</source>
        <translation>里程</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="109"/>
        <source>New repair order</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="111"/>
        <source>Open a repair order for this vehicle (Ctrl+N)</source>
        <translation>为该车开工单（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="113"/>
        <location filename="../../ui/front_desk/find_panel.py" line="240"/>
        <source>Open repair order</source>
        <translation>打开工单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="121"/>
        <source>Repair order</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="122"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="124"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="125"/>
        <source>Invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="167"/>
        <source>No vehicle found for “%1”.</source>
        <translation>没有找到“%1”的车辆。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="170"/>
        <source>Part of a plate needs at least %1 characters to be found inside plates; shorter, only plates that start with it are found (粤B, 粤B1).</source>
        <translation>车牌中间的部分至少需要 %1 个字符才能查到；更短时只查以它开头的车牌（粤B、粤B1）。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="218"/>
        <source>Find a vehicle</source>
        <translation>查找车辆</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="219"/>
        <source>Type part of a plate, a phone number, a VIN or a name.</source>
        <translation>输入部分车牌、电话、VIN 或姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="234"/>
        <source>Open campaign: {0} {1}</source>
        <translation>未完成的服务活动：{0} {1}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="235"/>
        <source>Offer again: {0}</source>
        <translation>再次推荐：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="237"/>
        <source>In the shop now on {0}.</source>
        <translation>正在店内，工单 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="240"/>
        <source>Open {0}</source>
        <translation>打开 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/find_panel.py" line="262"/>
        <source>Complaint: {0}</source>
        <translation>客户描述：{0}</translation>
    </message>
</context>
<context>
    <name>FindingsView</name>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="71"/>
        <source>Inspection findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="75"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="76"/>
        <source>Rating</source>
        <translation>评级</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="77"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="78"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="79"/>
        <source>Technician</source>
        <translation>技师</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="80"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="97"/>
        <source>The operation the finding calls for, with its price</source>
        <translation>该检查结果需要的工时项目及价格</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="98"/>
        <source>Propose to the customer</source>
        <translation>向客户提议</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="100"/>
        <source>Ask the customer about this work at its price (desk or phone page)</source>
        <translation>按此价格征询客户意见（前台或手机页面）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="103"/>
        <source>No inspection recorded yet.</source>
        <translation>尚未记录检查结果。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="167"/>
        <source>Tyres</source>
        <translation>轮胎</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="168"/>
        <source>Brakes</source>
        <translation>制动</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="169"/>
        <source>Fluids</source>
        <translation>油液</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="170"/>
        <source>Lights</source>
        <translation>灯光</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="171"/>
        <source>Battery</source>
        <translation>蓄电池</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="172"/>
        <source>Wipers</source>
        <translation>雨刮</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="177"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="177"/>
        <source>Advise</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="177"/>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/findings_view.py" line="244"/>
        <source>Proposed to the customer: {0}</source>
        <translation>已向客户提议：{0}</translation>
    </message>
</context>
<context>
    <name>FrontDeskWindow</name>
    <message>
        <location filename="../../ui/front_desk/window.py" line="79"/>
        <source>advisor</source>
        <translation>服务顾问</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="80"/>
        <source>cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="81"/>
        <source>manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="82"/>
        <source>parts</source>
        <translation>配件员</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="83"/>
        <source>foreman</source>
        <translation>车间主管</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="84"/>
        <source>technician</source>
        <translation>技师</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="148"/>
        <source>The camera did not start: {0}</source>
        <translation>摄像头未能启动：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="182"/>
        <source>Workshop · Front desk</source>
        <translation>Workshop · 前台接待</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="199"/>
        <source>F2 reception · Ctrl+F find · F4 repair order · F5 dispatch · F6 appointments · F7 today · F8 gate</source>
        <translation>F2 接车 · Ctrl+F 查找 · F4 工单 · F5 派工 · F6 预约 · F7 今日 · F8 开闸</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="220"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="248"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="249"/>
        <source>Repair order</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="250"/>
        <source>Dispatch</source>
        <translation>派工</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="251"/>
        <source>Appointments</source>
        <translation>预约</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="252"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="253"/>
        <source>Settlement</source>
        <translation>结算</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="292"/>
        <source>Settlement could not start: {0}</source>
        <translation>结算模块无法启动：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="298"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="308"/>
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="311"/>
        <source>Change my PIN…</source>
        <translation>修改我的密码…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="314"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="319"/>
        <source>Refresh all</source>
        <translation>全部刷新</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="354"/>
        <source>Live</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="354"/>
        <source>Database offline — showing the last picture</source>
        <translation>数据库离线 — 显示最后数据</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/front_desk/window.py" line="363"/>
        <source>Not saved yet: %n change(s) waiting for the database</source>
        <translation>
            <numerusform>尚未保存：%n 项更改等待数据库</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="366"/>
        <source>Saving…</source>
        <translation>保存中…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="399"/>
        <source>Signed in: {0}</source>
        <translation>当前登录：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="437"/>
        <source>Your PIN is changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="446"/>
        <source>Locked after a while without use: sign in again.</source>
        <translation>长时间未操作已锁定：请重新登录。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="448"/>
        <source>Signed out.</source>
        <translation>已退出登录。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="401"/>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="416"/>
        <source>Signed in as {0}.</source>
        <translation>已登录：{0}。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/window.py" line="374"/>
        <source>A change kept from before the restart was not saved: {0}</source>
        <translation>重启前保存的一项更改未能保存：{0}</translation>
    </message>
</context>
<context>
    <name>JobCardWidget</name>
    <message>
        <location filename="../../ui/front_desk/job_card.py" line="90"/>
        <source>Awaiting approval</source>
        <translation>待客户确认</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/job_card.py" line="100"/>
        <source>Promised {0}</source>
        <translation>承诺 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/job_card.py" line="101"/>
        <source>late</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/job_card.py" line="105"/>
        <source>Drag onto a bay or a technician; double-click to choose</source>
        <translation>拖到工位或技师上派工；双击或按回车手动选择</translation>
    </message>
</context>
<context>
    <name>LaneWidget</name>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="159"/>
        <source>1 job · {0}</source>
        <translation>1 项 · {0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="161"/>
        <source>{0} jobs · {1}</source>
        <translation>{0} 项 · {1}</translation>
    </message>
</context>
<context>
    <name>LetOutDialog</name>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="54"/>
        <source>Let the car out</source>
        <translation>放行车辆</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="57"/>
        <source>{0} has no settled repair order. Why may it leave?</source>
        <translation>{0} 没有已结算的工单。放行原因？</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/exit_strip.py" line="61"/>
        <source>e.g. road test, paid at the head office</source>
        <translation>例如：路试、已在总部付款</translation>
    </message>
</context>
<context>
    <name>MoveAppointmentDialog</name>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="202"/>
        <source>Move appointment</source>
        <translation>改约</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="206"/>
        <source>New time</source>
        <translation>新时间</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="310"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="315"/>
        <source>Customer agreed by</source>
        <translation>客户同意方式</translation>
    </message>
</context>
<context>
    <name>RegisterVehicleDialog</name>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="84"/>
        <source>New vehicle</source>
        <translation>新车辆建档</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="94"/>
        <source>Petrol</source>
        <translation>汽油</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="95"/>
        <source>Diesel</source>
        <translation>柴油</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="96"/>
        <source>Hybrid</source>
        <translation>混动</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="97"/>
        <source>Plug-in hybrid</source>
        <translation>插电混动</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="98"/>
        <source>Electric</source>
        <translation>纯电</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="105"/>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="106"/>
        <source>Owner</source>
        <translation>车主</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="107"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="108"/>
        <source>Make</source>
        <translation>品牌</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="109"/>
        <source>Model</source>
        <translation>车型</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="110"/>
        <source>VIN</source>
        <translation>VIN</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="111"/>
        <source>Energy</source>
        <translation>能源类型</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="112"/>
        <source>Mileage</source>
        <translation>里程</translation>
    </message>
</context>
<context>
    <name>RoEditor</name>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="188"/>
        <source>Repair orders in the shop (F4)</source>
        <translation>在店工单（F4）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="203"/>
        <source>Cancel repair order…</source>
        <translation>取消维修单…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="206"/>
        <source>Cancel before any work or money: parts go back to stock</source>
        <translation>在开工和收款之前取消：配件退回库存</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="215"/>
        <source>Reception</source>
        <translation>接车</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="219"/>
        <source>What the customer says, in their words</source>
        <translation>客户原话描述</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="230"/>
        <source>Scratches, dents, items left in the car…</source>
        <translation>划痕、凹陷、车内遗留物品…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="235"/>
        <source>Complaint</source>
        <translation>客户描述</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="236"/>
        <source>Mileage in</source>
        <translation>进厂里程</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="237"/>
        <source>Fuel</source>
        <translation>油量</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="238"/>
        <source>Walk-around</source>
        <translation>环车检查</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="239"/>
        <source>Promised</source>
        <translation>承诺时间</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="241"/>
        <source>Save reception</source>
        <translation>保存接车信息</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="242"/>
        <source>Save the reception form (Ctrl+S)</source>
        <translation>保存接车信息（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="246"/>
        <source>Print check-in ticket</source>
        <translation>打印接车单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="248"/>
        <source>Print the ticket with the status-page QR code (Ctrl+P)</source>
        <translation>打印带进度查询二维码的接车单（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="253"/>
        <source>Print work order</source>
        <translation>打印维修委托书</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="255"/>
        <source>Print the work order (维修委托书) with the prices, terms and signature</source>
        <translation>打印维修委托书（含价格、条款和签名）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="264"/>
        <source>Operations and parts</source>
        <translation>维修项目与配件</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="267"/>
        <source>Operation: code or name (中文 / English)</source>
        <translation>维修项目：代码或名称（中文 / English）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="268"/>
        <source>Search the labor catalog; Enter adds (Ctrl+O)</source>
        <translation>搜索工时目录，回车添加（Ctrl+O）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="275"/>
        <location filename="../../ui/front_desk/ro_editor.py" line="311"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="285"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="286"/>
        <source>Operation</source>
        <translation>维修项目</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="287"/>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="288"/>
        <source>Step</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="289"/>
        <source>Bay · Technician</source>
        <translation>工位 · 技师</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="295"/>
        <source>Remove operation</source>
        <translation>删除工时项目</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="296"/>
        <source>Remove the selected operation (not started yet)</source>
        <translation>删除选中的工时项目（尚未开工）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="300"/>
        <source>Part: SKU or name</source>
        <translation>配件：编号或名称</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="320"/>
        <source>SKU</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="321"/>
        <location filename="../../ui/front_desk/ro_editor_models.py" line="164"/>
        <source>Part</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="322"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="323"/>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="324"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="331"/>
        <source>Remove part</source>
        <translation>删除配件</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="332"/>
        <source>Remove the selected part (not issued yet)</source>
        <translation>删除选中的配件（尚未发料）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="342"/>
        <source>Estimate and approval</source>
        <translation>估价与客户确认</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="345"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="345"/>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="345"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="357"/>
        <source>Net</source>
        <translation>不含税</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="357"/>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="357"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="370"/>
        <source>Customer who approves</source>
        <translation>确认的客户</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="372"/>
        <source>Approved by</source>
        <translation>确认人</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="373"/>
        <source>How</source>
        <translation>确认方式</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="375"/>
        <source>Record approval</source>
        <translation>记录客户确认</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="377"/>
        <source>The customer approved the total shown (Ctrl+Enter)</source>
        <translation>客户已确认显示的总额（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="396"/>
        <source>Customer approves</source>
        <translation>客户同意</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="397"/>
        <source>Declines</source>
        <translation>客户拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="427"/>
        <source>stock {0}</source>
        <translation>库存 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="439"/>
        <source>Choose a repair order…</source>
        <translation>选择工单…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="471"/>
        <source>Repair order {0} opened.</source>
        <translation>工单 {0} 已开。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="583"/>
        <source>No repair order open</source>
        <translation>未打开工单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="586"/>
        <source>Start reception from an arrival (F2) or find a vehicle (Ctrl+F).</source>
        <translation>从来车开始接车（F2）或查找车辆（Ctrl+F）。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="609"/>
        <source>Approved {0} by {1} ({2}), ¥{3:,.2f}</source>
        <translation>{0} 由 {1} 确认（{2}），¥{3:,.2f}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="617"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="619"/>
        <source>Not approved yet</source>
        <translation>客户尚未确认</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor_models.py" line="66"/>
        <source>awaiting approval</source>
        <translation>待确认</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor_models.py" line="94"/>
        <source>Declined by the customer</source>
        <translation>客户已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor_models.py" line="98"/>
        <source>Waiting for the customer</source>
        <translation>等待客户确认</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor_models.py" line="103"/>
        <source>Back-order, expected {0}</source>
        <translation>缺货，预计 {0} 到货</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor_models.py" line="162"/>
        <source>Labor</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="647"/>
        <source>Not in the total: {0} part(s) asked for at the bay, ¥{1:,.2f}, wait for the customer&apos;s answer.</source>
        <translation>未计入合计：工位申领的 {0} 个配件（¥{1:,.2f}）正在等待客户答复。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor_models.py" line="191"/>
        <source>Part {0} ×{1}: +¥{2:,.2f}</source>
        <translation>配件 {0} ×{1}：+¥{2:,.2f}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="390"/>
        <source>Nothing waiting for the customer.</source>
        <translation>没有待客户确认的项目。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="715"/>
        <source>Reception saved.</source>
        <translation>接车信息已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="757"/>
        <source>{0} is short: back-ordered, expected {1}.</source>
        <translation>{0} 库存不足：已订货，预计 {1} 到货。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="775"/>
        <source>Signed and approved: ¥{0:,.2f}.</source>
        <translation>已签字确认：¥{0:,.2f}。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="777"/>
        <source>Approval recorded: ¥{0:,.2f}.</source>
        <translation>已记录客户确认：¥{0:,.2f}。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="823"/>
        <source>Select the operation to remove.</source>
        <translation>请选择要删除的工时项目。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="826"/>
        <location filename="../../ui/front_desk/ro_editor.py" line="838"/>
        <source>Remove {0}</source>
        <translation>删除 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="835"/>
        <source>Select the part to remove.</source>
        <translation>请选择要删除的配件。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="858"/>
        <source>Why? The customer approved this repair order.</source>
        <translation>原因？客户已确认此维修单。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="860"/>
        <source>Why (optional)</source>
        <translation>原因（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="869"/>
        <source>Removed. The estimate is now ¥{0:,.2f}.</source>
        <translation>已删除。预估金额现为 ¥{0:,.2f}。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="882"/>
        <source>Cancel {0}</source>
        <translation>取消 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="883"/>
        <source>Why is the repair order cancelled?</source>
        <translation>维修单为何取消？</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="892"/>
        <source>{0} cancelled; its parts are back in stock.</source>
        <translation>{0} 已取消，配件已退回库存。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="939"/>
        <source>Work order saved to {0}</source>
        <translation>维修委托书已保存到 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="946"/>
        <source>Work order sent to the printer.</source>
        <translation>维修委托书已发送到打印机。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="956"/>
        <source>Check-in ticket printed.</source>
        <translation>接车单已打印。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="958"/>
        <source>The printer failed: {0}. The ticket was not printed.</source>
        <translation>打印机故障：{0}。接车单未打印。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="970"/>
        <source>No printer configured: ticket saved to {0}</source>
        <translation>未配置打印机：接车单已保存到 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="973"/>
        <source>Could not save the ticket to {0}</source>
        <translation>无法保存接车单到 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="500"/>
        <source>Reconnecting to the database… (try {0})</source>
        <translation>正在重新连接数据库…（第 {0} 次）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="381"/>
        <source>Extra work and parts asked for at the bay</source>
        <translation>工位追加项目与配件</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/ro_editor.py" line="528"/>
        <source>The database did not answer after several tries, so this was not confirmed. Check the repair order before you try again.</source>
        <translation>数据库多次未响应，此操作未得到确认。请先核对维修单再重试。</translation>
    </message>
</context>
<context>
    <name>ServiceLifePanel</name>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="135"/>
        <source>Service life</source>
        <translation>客户关怀</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="159"/>
        <source>All due</source>
        <translation>全部到期</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="160"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="304"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="161"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="305"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="162"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="306"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="173"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="174"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="233"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="245"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="275"/>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="175"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="233"/>
        <source>Model</source>
        <translation>车型</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="176"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="246"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="276"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="177"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="247"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="277"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="178"/>
        <source>Service item</source>
        <translation>保养项目</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="179"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="244"/>
        <source>Due date</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="180"/>
        <source>At km</source>
        <translation>到期里程</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="181"/>
        <source>Projected from</source>
        <translation>推算依据</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="182"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="251"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="279"/>
        <source>Contact</source>
        <translation>联系结果</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="188"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="257"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="284"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="311"/>
        <source>Called</source>
        <translation>已致电</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="188"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="257"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="284"/>
        <source>Record a call</source>
        <translation>记录一次回访电话</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="190"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="259"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="286"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="314"/>
        <source>Unreachable</source>
        <translation>未接通</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="191"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="260"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="287"/>
        <source>Nobody answered</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="195"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="313"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="335"/>
        <source>Declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="196"/>
        <source>The customer does not want it now</source>
        <translation>客户暂不需要</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="199"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="264"/>
        <source>Book…</source>
        <translation>预约…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="199"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="264"/>
        <source>Book an appointment for it</source>
        <translation>为此预约</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="202"/>
        <source>Due for service</source>
        <translation>保养到期</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="209"/>
        <source>Import file…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="210"/>
        <source>Import a campaign file (CSV or XLSX)</source>
        <translation>导入服务活动文件（CSV 或 XLSX）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="218"/>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="219"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="220"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="221"/>
        <source>Operation</source>
        <translation>工时项目</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="222"/>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="223"/>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="224"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="326"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="225"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="326"/>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="226"/>
        <location filename="../../ui/front_desk/service_life_panel.py" line="326"/>
        <source>Not seen</source>
        <translation>未到店</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="233"/>
        <source>VIN</source>
        <translation>车架号</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="233"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="233"/>
        <source>RO</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="237"/>
        <source>Campaigns</source>
        <translation>服务活动</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="248"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="249"/>
        <source>Work</source>
        <translation>工作内容</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="250"/>
        <source>From RO</source>
        <translation>来源工单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="263"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="263"/>
        <source>The customer does not want it</source>
        <translation>客户不需要</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="267"/>
        <source>Follow-ups</source>
        <translation>待跟进</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="274"/>
        <source>Slot</source>
        <translation>预约时段</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="278"/>
        <source>Operations</source>
        <translation>工时项目</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="290"/>
        <source>Book again…</source>
        <translation>重新预约…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="290"/>
        <source>Book a new appointment</source>
        <translation>重新预约</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="292"/>
        <source>Mark no-shows</source>
        <translation>标记爽约</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="293"/>
        <source>Mark the booked cars past the grace time as no-shows</source>
        <translation>把超过宽限时间仍未到店的预约标记为爽约</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="298"/>
        <source>No-shows</source>
        <translation>爽约</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="312"/>
        <source>Booked</source>
        <translation>已预约</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="320"/>
        <source>history, {0} km/day</source>
        <translation>里程记录，每天 {0} 公里</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="321"/>
        <source>age, {0} km/day</source>
        <translation>按车龄，每天 {0} 公里</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="322"/>
        <source>store default, {0} km/day</source>
        <translation>本店默认，每天 {0} 公里</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="331"/>
        <source>Recall</source>
        <translation>召回</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="331"/>
        <source>Service</source>
        <translation>服务活动</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="336"/>
        <source>Urgent finding</source>
        <translation>紧急检查项</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="336"/>
        <source>Advised</source>
        <translation>建议检查项</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="382"/>
        <source>Due for service ({0})</source>
        <translation>保养到期（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="383"/>
        <source>Campaigns ({0})</source>
        <translation>服务活动（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="384"/>
        <source>Follow-ups ({0})</source>
        <translation>待跟进（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="385"/>
        <source>No-shows ({0})</source>
        <translation>爽约（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="387"/>
        <source>{0} overdue · {1} this week · {2} this month</source>
        <translation>已逾期 {0} · 本周 {1} · 本月 {2}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="404"/>
        <source>{0} d late</source>
        <translation>逾期 {0} 天</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="406"/>
        <source>in {0} d</source>
        <translation>{0} 天后</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="410"/>
        <source>Booked {0}</source>
        <translation>已预约 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="550"/>
        <source>Call recorded: {0}.</source>
        <translation>已记录回访：{0}。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="591"/>
        <source>Booked {0} for {1}.</source>
        <translation>已为 {0} 预约 {1}。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="630"/>
        <source>Follow-up dismissed.</source>
        <translation>跟进事项已关闭。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="659"/>
        <source>Import a campaign file</source>
        <translation>导入服务活动文件</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="659"/>
        <source>Campaign files (*.xlsx *.csv)</source>
        <translation>服务活动文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_panel.py" line="674"/>
        <source>Imported {0}: {1} VINs.</source>
        <translation>已导入 {0}：{1} 个车架号。</translation>
    </message>
</context>
<context>
    <name>ServiceLifeStrip</name>
    <message>
        <location filename="../../ui/front_desk/service_life_strip.py" line="79"/>
        <source>Open campaign {0}: {1}</source>
        <translation>未完成的服务活动 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_strip.py" line="81"/>
        <source>on {0}</source>
        <translation>已在 {0} 上</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_strip.py" line="84"/>
        <source>Offer again: {0} (from {1})</source>
        <translation>再次推荐：{0}（来自 {1}）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_strip.py" line="95"/>
        <source>Add to RO</source>
        <translation>加入工单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/service_life_strip.py" line="102"/>
        <source>Added to {0}.</source>
        <translation>已加入 {0}。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="249"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="254"/>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/dialogs.py" line="255"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <location filename="../../ui/front_desk/signature_dialog.py" line="29"/>
        <source>Customer signature</source>
        <translation>客户签名</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/signature_dialog.py" line="33"/>
        <source>Repair order {0}: I approve the estimate of ¥{1:,.2f}.</source>
        <translation>维修单 {0}：本人同意预估金额 ¥{1:,.2f}。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/signature_dialog.py" line="41"/>
        <source>Name of the person signing</source>
        <translation>签字人姓名</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/signature_dialog.py" line="42"/>
        <source>Signed by</source>
        <translation>签字人</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/signature_dialog.py" line="46"/>
        <source>Sign in the box with the mouse, a pen or a finger.</source>
        <translation>请用鼠标、手写笔或手指在框内签名。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/signature_dialog.py" line="50"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/signature_dialog.py" line="53"/>
        <source>Sign and approve</source>
        <translation>签字确认</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/signature_dialog.py" line="70"/>
        <source>Nothing was signed yet.</source>
        <translation>尚未签名。</translation>
    </message>
</context>
<context>
    <name>TechChip</name>
    <message>
        <location filename="../../ui/front_desk/dispatch_panel.py" line="203"/>
        <source>Drop a job here to give it to {0}</source>
        <translation>把作业拖到这里派给 {0}</translation>
    </message>
</context>
<context>
    <name>TodayPanel</name>
    <message>
        <location filename="../../ui/front_desk/today_panel.py" line="64"/>
        <source>In the shop</source>
        <translation>在店车辆</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/today_panel.py" line="72"/>
        <location filename="../../ui/front_desk/today_panel.py" line="98"/>
        <location filename="../../ui/front_desk/today_panel.py" line="112"/>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/today_panel.py" line="73"/>
        <location filename="../../ui/front_desk/today_panel.py" line="98"/>
        <location filename="../../ui/front_desk/today_panel.py" line="112"/>
        <source>RO</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/today_panel.py" line="74"/>
        <location filename="../../ui/front_desk/today_panel.py" line="112"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/today_panel.py" line="75"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/today_panel.py" line="76"/>
        <location filename="../../ui/front_desk/today_panel.py" line="98"/>
        <source>Promised</source>
        <translation>承诺时间</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/today_panel.py" line="77"/>
        <location filename="../../ui/front_desk/today_panel.py" line="98"/>
        <source>Expected</source>
        <translation>预计完成</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/today_panel.py" line="91"/>
        <source>Promises at risk</source>
        <translation>可能超时</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/today_panel.py" line="106"/>
        <source>Ready for pickup</source>
        <translation>待取车</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/today_panel.py" line="146"/>
        <source>In the shop ({0})</source>
        <translation>在店车辆（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/today_panel.py" line="147"/>
        <source>Promises at risk ({0})</source>
        <translation>可能超时（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/today_panel.py" line="148"/>
        <source>Ready for pickup ({0})</source>
        <translation>待取车（{0}）</translation>
    </message>
</context>
<context>
    <name>self.messages</name>
    <message>
        <location filename="../../ui/front_desk/desk.py" line="168"/>
        <source>Sign in first (Settings ▸ Sign in).</source>
        <translation>请先登录（设置 ▸ 登录）。</translation>
    </message>
</context>
</TS>
