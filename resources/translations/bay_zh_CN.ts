<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>BayFindings</name>
    <message>
        <location filename="../../ui/bay/pages.py" line="389" />
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="391" />
        <source>Images (*.jpg *.jpeg *.png *.bmp *.webp);;All files (*)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.bmp *.webp);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>BayItems</name>
    <message>
        <location filename="../../ui/bay/pages.py" line="66" />
        <source>Tyres</source>
        <translation>轮胎</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="67" />
        <source>Brakes</source>
        <translation>制动</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="68" />
        <source>Fluids</source>
        <translation>油液</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="69" />
        <source>Lights</source>
        <translation>灯光</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="70" />
        <source>Battery</source>
        <translation>蓄电池</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="71" />
        <source>Wipers</source>
        <translation>雨刮</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="78" />
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="79" />
        <source>Advise</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="80" />
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
</context>
<context>
    <name>BayWindow</name>
    <message>
        <location filename="../../ui/bay/window.py" line="124" />
        <source>Bay terminal</source>
        <translation>工位终端</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="176" />
        <location filename="../../ui/bay/window.py" line="281" />
        <source>All bays</source>
        <translation>全部工位</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="184" />
        <source>Sign out</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="212" />
        <location filename="../../ui/bay/window.py" line="307" />
        <source>My queue</source>
        <translation>我的任务</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="227" />
        <source>No jobs for you here right now.</source>
        <translation>目前没有分配给你的任务。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="236" />
        <source>Pick a job on the left.</source>
        <translation>请在左侧选择一个任务。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="282" />
        <source>Bay: %1</source>
        <translation>工位：%1</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="298" />
        <source>This terminal is for technicians and foremen.</source>
        <translation>本终端仅供技师和车间主管使用。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="309" />
        <source>Queue and quality checks</source>
        <translation>任务与质检</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="313" />
        <source>Hello, %1.</source>
        <translation>你好，%1。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bay/window.py" line="344" />
        <source>Signed out after %n minute(s) without use.</source>
        <translation><numerusform>%n 分钟无操作，已自动退出。</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="361" />
        <source>Unknown bay “%1”: showing your jobs at every bay.</source>
        <translation>未知工位“%1”：显示你在所有工位的任务。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="495" />
        <source>Clock off</source>
        <translation>停止计时</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="507" />
        <source>Checking the photo…</source>
        <translation>正在检查照片…</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="524" />
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="532" />
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="538" />
        <location filename="../../ui/bay/window.py" line="540" />
        <source>Not saved (%1): %2</source>
        <translation>未保存（%1）：%2</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="554" />
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bay/window.py" line="556" />
        <source>%n tap(s) waiting</source>
        <translation><numerusform>%n 项待发送</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="559" />
        <source>Saving…</source>
        <translation>保存中…</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="561" />
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/bay/window.py" line="583" />
        <source>Something went wrong; try again.</source>
        <translation>出错了，请重试。</translation>
    </message>
</context>
<context>
    <name>ExtraPage</name>
    <message>
        <location filename="../../ui/bay/pages.py" line="674" />
        <source>Extra work</source>
        <translation>增项</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="680" />
        <source>What did you find?</source>
        <translation>发现了什么问题？</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="685" />
        <source>e.g. rear brake pads 2 mm</source>
        <translation>例如：后刹车片仅剩 2 毫米</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="693" />
        <source>Operation (optional)</source>
        <translation>工时项目（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="703" />
        <source>Send to advisor</source>
        <translation>发送给服务顾问</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="712" />
        <source>— none —</source>
        <translation>— 不选 —</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="729" />
        <source>waiting for the customer</source>
        <translation>等待客户答复</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="730" />
        <source>approved</source>
        <translation>已同意</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="731" />
        <source>declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="759" />
        <source>Extra work request</source>
        <translation>增项申请</translation>
    </message>
</context>
<context>
    <name>FindingsPage</name>
    <message>
        <location filename="../../ui/bay/pages.py" line="414" />
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="443" />
        <location filename="../../ui/bay/pages.py" line="486" />
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="448" />
        <source>Camera</source>
        <translation>相机</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="463" />
        <source>Note for the advisor (optional)</source>
        <translation>给服务顾问的备注（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="465" />
        <source>Save note</source>
        <translation>保存备注</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="486" />
        <source>Photo ✓</source>
        <translation>照片 ✓</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="519" />
        <source>Rate %1 first:</source>
        <translation>请先评定%1：</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="524" />
        <source>Note for %1</source>
        <translation>%1 备注</translation>
    </message>
</context>
<context>
    <name>JobPage</name>
    <message>
        <location filename="../../ui/bay/pages.py" line="165" />
        <location filename="../../ui/bay/pages.py" line="249" />
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="166" />
        <location filename="../../ui/bay/pages.py" line="253" />
        <source>Parts</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="167" />
        <source>Extra work</source>
        <translation>增项</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="190" />
        <source>Due %1</source>
        <translation>交车 %1</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="195" />
        <source> (extra work)</source>
        <translation>（增项）</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="198" />
        <source>Advisor: %1</source>
        <translation>顾问备注：%1</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="205" />
        <source>Waiting for approval — the advisor is asking the customer</source>
        <translation>等待审批 — 服务顾问正在征询客户</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="213" />
        <source>On it: %1</source>
        <translation>作业中：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bay/pages.py" line="215" />
        <source>%n part(s) not issued yet</source>
        <translation><numerusform>%n 个配件未发放</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="217" />
        <source>saving…</source>
        <translation>保存中…</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="260" />
        <source>Waiting for the customer's answer. Nothing to do here until then.</source>
        <translation>等待客户答复，在此之前无需操作。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="262" />
        <source>Ready for quality check: a foreman signs in here to check it.</source>
        <translation>待质检：请车间主管在此登录进行质检。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="263" />
        <source>Nothing to do on this job now.</source>
        <translation>此任务当前无需操作。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="277" />
        <location filename="../../ui/bay/pages.py" line="329" />
        <source>Resume work</source>
        <translation>恢复作业</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="282" />
        <source>QC passed → Wash</source>
        <translation>质检通过 → 洗车</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="283" />
        <source>QC passed → Ready</source>
        <translation>质检通过 → 完工</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="284" />
        <source>QC failed → Repair</source>
        <translation>质检不通过 → 返修</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="287" />
        <source>Car is in the bay</source>
        <translation>车辆已进工位</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="290" />
        <location filename="../../ui/bay/pages.py" line="321" />
        <source>Clock on</source>
        <translation>开始计时</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="297" />
        <location filename="../../ui/bay/pages.py" line="325" />
        <source>Clock off</source>
        <translation>停止计时</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="299" />
        <source>Pause…</source>
        <translation>暂停…</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="304" />
        <source>Done → Quality check</source>
        <translation>完工 → 质检</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="305" />
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../ui/bay/sign_in.py" line="38" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../ui/bay/sign_in.py" line="41" />
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>PageHeader</name>
    <message>
        <location filename="../../ui/bay/pages.py" line="92" />
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
</context>
<context>
    <name>PartsPage</name>
    <message>
        <location filename="../../ui/bay/pages.py" line="551" />
        <source>Parts</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="557" />
        <source>For this job</source>
        <translation>本任务配件</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="567" />
        <source>Search part or SKU</source>
        <translation>搜索配件名称或编号</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="588" />
        <source>Request part</source>
        <translation>申领配件</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="601" />
        <source>No parts yet.</source>
        <translation>暂无配件。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="610" />
        <source>✔ Issued %1</source>
        <translation>✔ 已发放 %1</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="615" />
        <source>On order, expected %1</source>
        <translation>已订货，预计 %1 到货</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="616" />
        <source>At the parts counter, not issued yet</source>
        <translation>在配件柜台，尚未发放</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="623" />
        <source>in stock: %1</source>
        <translation>库存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="625" />
        <source>out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="652" />
        <source>Part %1 ×%2</source>
        <translation>配件 %1 ×%2</translation>
    </message>
</context>
<context>
    <name>PausePage</name>
    <message>
        <location filename="../../ui/bay/pages.py" line="345" />
        <source>Pause — why?</source>
        <translation>暂停原因？</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="360" />
        <source>Waiting for approval? Use “Extra work”: the advisor gets the question.</source>
        <translation>需要客户审批？请使用“增项”，服务顾问会收到申请。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/pages.py" line="371" />
        <source>Other reason</source>
        <translation>其他原因</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../ui/bay/sign_in.py" line="74" />
        <location filename="../../ui/bay/sign_in.py" line="91" />
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/bay/sign_in.py" line="80" />
        <source>e.g. T01</source>
        <translation>例如 T01</translation>
    </message>
    <message>
        <location filename="../../ui/bay/sign_in.py" line="97" />
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../ui/bay/sign_in.py" line="101" />
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/bay/sign_in.py" line="159" />
        <source>Type your staff number.</source>
        <translation>请输入工号。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/sign_in.py" line="163" />
        <source>Type your PIN.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../../ui/bay/sign_in.py" line="168" />
        <source>Checking…</source>
        <translation>验证中…</translation>
    </message>
</context>
</TS>