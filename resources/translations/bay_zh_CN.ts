<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BayFindings</name>
    <message>
        <location filename="../../ui/bay/pages.py" line="401"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="403"/>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.webp);;All files (*)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.bmp *.webp);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>BayWindow</name>
    <message>
        <location filename="../../ui/bay/window.py" line="133"/>
        <source>Bay terminal</source>
        <translation>工位终端</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="196"/>
        <location filename="../../ui/bay/window.py" line="305"/>
        <source>All bays</source>
        <translation>全部工位</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="204"/>
        <source>Sign out</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="235"/>
        <location filename="../../ui/bay/window.py" line="332"/>
        <source>My queue</source>
        <translation>我的任务</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="250"/>
        <source>No jobs for you here right now.</source>
        <translation>目前没有分配给你的任务。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="259"/>
        <source>Pick a job on the left.</source>
        <translation>请在左侧选择一个任务。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="306"/>
        <source>Bay: %1</source>
        <translation>工位：%1</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="322"/>
        <source>This terminal is for technicians and foremen.</source>
        <translation>本终端仅供技师和车间主管使用。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="334"/>
        <source>Queue and quality checks</source>
        <translation>任务与质检</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="338"/>
        <source>Hello, %1.</source>
        <translation>你好，%1。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bay/window.py" line="370"/>
        <source>Signed out after %n minute(s) without use.</source>
        <translation>
            <numerusform>%n 分钟无操作，已自动退出。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="387"/>
        <source>Unknown bay “%1”: showing your jobs at every bay.</source>
        <translation>未知工位“%1”：显示你在所有工位的任务。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="523"/>
        <location filename="../../ui/bay/window.py" line="545"/>
        <source>Checking the photo…</source>
        <translation>正在检查照片…</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="539"/>
        <source>Photo of %1</source>
        <translation>%1 的照片</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="563"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="571"/>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="575"/>
        <source>Not saved (%1): %2</source>
        <translation>未保存（%1）：%2</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="590"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bay/window.py" line="592"/>
        <source>%n tap(s) waiting</source>
        <translation>
            <numerusform>%n 项待发送</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="595"/>
        <source>Saving…</source>
        <translation>保存中…</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="597"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="619"/>
        <source>Something went wrong; try again.</source>
        <translation>出错了，请重试。</translation>
    </message>
</context>
<context>
    <name>CameraCaptureDialog</name>
    <message>
        <location filename="../../ui/bay/camera_dialog.py" line="49"/>
        <source>Take photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location filename="../../ui/bay/camera_dialog.py" line="53"/>
        <source>Use photo</source>
        <translation>使用照片</translation>
    </message>
    <message>
        <location filename="../../ui/bay/camera_dialog.py" line="58"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/bay/camera_dialog.py" line="69"/>
        <source>Taking the photo…</source>
        <translation>正在拍照…</translation>
    </message>
    <message>
        <location filename="../../ui/bay/camera_dialog.py" line="84"/>
        <source>Retake</source>
        <translation>重拍</translation>
    </message>
    <message>
        <location filename="../../ui/bay/camera_dialog.py" line="89"/>
        <source>The camera did not give a photo: {0}</source>
        <translation>相机未能拍照：{0}</translation>
    </message>
</context>
<context>
    <name>ExtraPage</name>
    <message>
        <location filename="../../ui/bay/pages.py" line="683"/>
        <source>Extra work</source>
        <translation>增项</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="689"/>
        <source>What did you find?</source>
        <translation>发现了什么问题？</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="694"/>
        <source>e.g. rear brake pads 2 mm</source>
        <translation>例如：后刹车片仅剩 2 毫米</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="702"/>
        <source>Operation (optional)</source>
        <translation>工时项目（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="712"/>
        <source>Send to advisor</source>
        <translation>发送给服务顾问</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="705"/>
        <source>— none —</source>
        <translation>— 不选 —</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="738"/>
        <source>Part %1 ×%2</source>
        <translation>配件 %1 ×%2</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="762"/>
        <source>Extra work request</source>
        <translation>增项申请</translation>
    </message>
</context>
<context>
    <name>FindingsPage</name>
    <message>
        <location filename="../../ui/bay/pages.py" line="426"/>
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="455"/>
        <location filename="../../ui/bay/pages.py" line="498"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="460"/>
        <source>Take photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="475"/>
        <source>Note for the advisor (optional)</source>
        <translation>给服务顾问的备注（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="477"/>
        <source>Save note</source>
        <translation>保存备注</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="498"/>
        <source>Photo ✓</source>
        <translation>照片 ✓</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="531"/>
        <source>Rate %1 first:</source>
        <translation>请先评定%1：</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="536"/>
        <source>Note for %1</source>
        <translation>%1 备注</translation>
    </message>
</context>
<context>
    <name>JobPage</name>
    <message>
        <location filename="../../ui/bay/pages.py" line="175"/>
        <location filename="../../ui/bay/pages.py" line="259"/>
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="176"/>
        <location filename="../../ui/bay/pages.py" line="263"/>
        <source>Parts</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="177"/>
        <source>Extra work</source>
        <translation>增项</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="200"/>
        <source>Due %1</source>
        <translation>交车 %1</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="205"/>
        <source> (extra work)</source>
        <translation>（增项）</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="208"/>
        <source>Advisor: %1</source>
        <translation>顾问备注：%1</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="215"/>
        <source>Waiting for approval — the advisor is asking the customer</source>
        <translation>等待审批 — 服务顾问正在征询客户</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="223"/>
        <source>On it: %1</source>
        <translation>作业中：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bay/pages.py" line="225"/>
        <source>%n part(s) not issued yet</source>
        <translation>
            <numerusform>%n 个配件未发放</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="227"/>
        <source>saving…</source>
        <translation>保存中…</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="270"/>
        <source>Waiting for the customer&apos;s answer. Nothing to do here until then.</source>
        <translation>等待客户答复，在此之前无需操作。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="272"/>
        <source>Ready for quality check: a foreman signs in here to check it.</source>
        <translation>待质检：请车间主管在此登录进行质检。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="273"/>
        <source>Nothing to do on this job now.</source>
        <translation>此任务当前无需操作。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="311"/>
        <location filename="../../ui/bay/pages.py" line="341"/>
        <source>Resume work</source>
        <translation>恢复作业</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="298"/>
        <source>QC passed → Wash</source>
        <translation>质检通过 → 洗车</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="298"/>
        <source>QC passed → Ready</source>
        <translation>质检通过 → 完工</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="300"/>
        <source>QC failed → Repair</source>
        <translation>质检不通过 → 返修</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="302"/>
        <source>Car is in the bay</source>
        <translation>车辆已进工位</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="307"/>
        <location filename="../../ui/bay/pages.py" line="333"/>
        <source>Clock on</source>
        <translation>开始计时</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="309"/>
        <location filename="../../ui/bay/pages.py" line="337"/>
        <source>Clock off</source>
        <translation>停止计时</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="312"/>
        <source>Pause…</source>
        <translation>暂停…</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="316"/>
        <source>Done → Quality check</source>
        <translation>完工 → 质检</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="317"/>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../ui/bay/sign_in.py" line="38"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../ui/bay/sign_in.py" line="41"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>PageHeader</name>
    <message>
        <location filename="../../ui/bay/pages.py" line="102"/>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
</context>
<context>
    <name>PartsPage</name>
    <message>
        <location filename="../../ui/bay/pages.py" line="563"/>
        <source>Parts</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="569"/>
        <source>For this job</source>
        <translation>本任务配件</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="583"/>
        <source>Search part or SKU</source>
        <translation>搜索配件名称或编号</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="606"/>
        <source>Request part</source>
        <translation>申领配件</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="577"/>
        <source>No parts yet.</source>
        <translation>暂无配件。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="622"/>
        <source>✘ Declined by the customer: do not fit</source>
        <translation>✘ 客户已拒绝：请勿安装</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="624"/>
        <source>Waiting for the customer&apos;s approval</source>
        <translation>等待客户确认</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="626"/>
        <source>✔ Issued %1</source>
        <translation>✔ 已发放 %1</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="631"/>
        <source>On order, expected %1</source>
        <translation>已订货，预计 %1 到货</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="632"/>
        <source>At the parts counter, not issued yet</source>
        <translation>在配件柜台，尚未发放</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="644"/>
        <source>in stock: %1</source>
        <translation>库存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="645"/>
        <source>out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="665"/>
        <source>Part %1 ×%2</source>
        <translation>配件 %1 ×%2</translation>
    </message>
</context>
<context>
    <name>PausePage</name>
    <message>
        <location filename="../../ui/bay/pages.py" line="357"/>
        <source>Pause — why?</source>
        <translation>暂停原因？</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="372"/>
        <source>Waiting for approval? Use “Extra work”: the advisor gets the question.</source>
        <translation>需要客户审批？请使用“增项”，服务顾问会收到申请。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="383"/>
        <source>Other reason</source>
        <translation>其他原因</translation>
    </message>
</context>
<context>
    <name>ShiftClockBar</name>
    <message>
        <location filename="../../ui/bay/shift_clock.py" line="53"/>
        <source>Clock out</source>
        <translation>下班打卡</translation>
    </message>
    <message>
        <location filename="../../ui/bay/shift_clock.py" line="100"/>
        <source>Not clocked in</source>
        <translation>未上班打卡</translation>
    </message>
    <message>
        <location filename="../../ui/bay/shift_clock.py" line="101"/>
        <source>Clock in</source>
        <translation>上班打卡</translation>
    </message>
    <message>
        <location filename="../../ui/bay/shift_clock.py" line="104"/>
        <source>On shift since %1</source>
        <translation>%1 起上班</translation>
    </message>
    <message>
        <location filename="../../ui/bay/shift_clock.py" line="105"/>
        <source>Break</source>
        <translation>休息</translation>
    </message>
    <message>
        <location filename="../../ui/bay/shift_clock.py" line="108"/>
        <source>On a break since %1</source>
        <translation>%1 起休息</translation>
    </message>
    <message>
        <location filename="../../ui/bay/shift_clock.py" line="109"/>
        <source>End break</source>
        <translation>结束休息</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../ui/bay/sign_in.py" line="74"/>
        <location filename="../../ui/bay/sign_in.py" line="91"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/bay/sign_in.py" line="80"/>
        <source>e.g. T01</source>
        <translation>例如 T01</translation>
    </message>
    <message>
        <location filename="../../ui/bay/sign_in.py" line="97"/>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../ui/bay/sign_in.py" line="101"/>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/bay/sign_in.py" line="158"/>
        <source>Type your staff number.</source>
        <translation>请输入工号。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/sign_in.py" line="162"/>
        <source>Type your PIN.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/sign_in.py" line="167"/>
        <source>Checking…</source>
        <translation>验证中…</translation>
    </message>
</context>
</TS>
