<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../ui/setup/wizard.py" line="96"/>
        <source>Workshop · Set up your shop</source>
        <translation>Workshop · 门店设置</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="113"/>
        <source>Set up your shop</source>
        <translation>设置您的门店</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="115"/>
        <source>Five steps; skip any you will fill in later.</source>
        <translation>共五步；暂时不填的可以跳过，以后再补。</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="125"/>
        <source>1  Store profile</source>
        <translation>1  门店信息</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="126"/>
        <source>2  Bays</source>
        <translation>2  工位</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="127"/>
        <source>3  Staff and PINs</source>
        <translation>3  员工与密码</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="128"/>
        <source>4  Labour and parts</source>
        <translation>4  工时与配件</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="129"/>
        <source>5  Import a workbook</source>
        <translation>5  导入工作簿</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="134"/>
        <source>Later: workshop export, change the workbook, workshop import again.</source>
        <translation>以后修改：workshop export 导出工作簿，修改后再 workshop import 导入。</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="152"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="153"/>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="154"/>
        <location filename="../../ui/setup/wizard.py" line="320"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="182"/>
        <source>Store profile</source>
        <translation>门店信息</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="183"/>
        <source>Printed on tickets and invoices and shown in the lounge.</source>
        <translation>打印在接车单和结算单上，并显示在休息区大屏。</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="202"/>
        <source>Prices include tax</source>
        <translation>价格含税</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="205"/>
        <source>Store code</source>
        <translation>门店代码</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="206"/>
        <source>Store name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="207"/>
        <location filename="../../ui/setup/wizard.py" line="259"/>
        <location filename="../../ui/setup/wizard.py" line="271"/>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="208"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="209"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="210"/>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="211"/>
        <source>Opening hours</source>
        <translation>营业时间</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="212"/>
        <source>Labour rate per hour</source>
        <translation>工时单价（元/小时）</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="213"/>
        <source>Tax rate</source>
        <translation>税率</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="223"/>
        <source>Bays</source>
        <translation>工位</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="225"/>
        <source>One row per bay. Kind: quick, general, alignment, ev, wash. Equipment: lift, alignment, ev_hv, wash, tyre, diagnostic (comma separated).</source>
        <translation>每行一个工位。类型：quick（快修）、general（机修）、alignment（四轮定位）、ev（新能源）、wash（洗车）。设备：lift、alignment、ev_hv、wash、tyre、diagnostic（逗号分隔）。</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="229"/>
        <location filename="../../ui/setup/wizard.py" line="242"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="229"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="229"/>
        <location filename="../../ui/setup/wizard.py" line="262"/>
        <source>Equipment</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="235"/>
        <source>Staff and PINs</source>
        <translation>员工与密码</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="237"/>
        <source>Everyone who signs in: a staff code, a role (manager, advisor, cashier, technician, foreman, parts) and a first PIN of 4 to 8 digits they can change.</source>
        <translation>每位需要登录的人：工号、角色（manager 经理、advisor 服务顾问、cashier 收银、technician 技师、foreman 车间主管、parts 配件）和 4 到 8 位的初始密码（本人可修改）。</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="242"/>
        <location filename="../../ui/setup/wizard.py" line="257"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="242"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="242"/>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="242"/>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="251"/>
        <source>Labour and parts</source>
        <translation>工时与配件</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="252"/>
        <source>A few to start with; the full catalogues come easier from the workbook.</source>
        <translation>先录几项即可；完整的目录用工作簿导入更方便。</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="258"/>
        <location filename="../../ui/setup/wizard.py" line="270"/>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="260"/>
        <source>Standard hours</source>
        <translation>标准工时</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="261"/>
        <source>Skill</source>
        <translation>技能</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="263"/>
        <source>Flat price</source>
        <translation>一口价</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="269"/>
        <source>Part number</source>
        <translation>配件编号</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="272"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="273"/>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="274"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="278"/>
        <source>Labour</source>
        <translation>工时项目</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="279"/>
        <source>Parts</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="285"/>
        <source>Import a workbook</source>
        <translation>导入工作簿</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="287"/>
        <source>Dealers keep their data in Excel: write the empty set-up workbook, fill it (store, bays, staff, labour, parts, vehicles, history), and import it here. All or nothing: a single bad cell imports nothing and is named below.</source>
        <translation>经销商的数据都在 Excel 里：先生成空白设置工作簿，填好（门店、工位、员工、工时、配件、车辆、维修历史），再在这里导入。要么全部导入，要么不导入：只要有一个单元格有误，就什么都不导入，并在下方指出。</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="293"/>
        <source>Write an empty workbook…</source>
        <translation>生成空白工作簿…</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="295"/>
        <source>Choose a workbook to import…</source>
        <translation>选择要导入的工作簿…</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="301"/>
        <source>No workbook chosen.</source>
        <translation>尚未选择工作簿。</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="320"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="372"/>
        <source>Write the set-up workbook</source>
        <translation>保存设置工作簿</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="378"/>
        <source>Written: {0}</source>
        <translation>已保存：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="384"/>
        <source>Import a set-up workbook</source>
        <translation>导入设置工作簿</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="392"/>
        <source>Checking {0}…</source>
        <translation>正在检查 {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="403"/>
        <source>{0}: ready to import ({1}). Finish imports it.</source>
        <translation>{0}：可以导入（{1}）。点击“完成”即导入。</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="422"/>
        <source>… and {0} more.</source>
        <translation>……另有 {0} 处。</translation>
    </message>
    <message>
        <location filename="../../ui/setup/wizard.py" line="423"/>
        <source>Nothing imported:</source>
        <translation>未导入任何数据：</translation>
    </message>
</context>
</TS>
