<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PartsCounterWindow</name>
    <message>
        <location filename="../../ui/parts/window.py" line="77"/>
        <source>Workshop — parts counter</source>
        <translation>Workshop — 配件柜台</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="80"/>
        <source>Parts counter: sign in</source>
        <translation>配件柜台：登录</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="94"/>
        <source>Parts counter</source>
        <translation>配件柜台</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="115"/>
        <location filename="../../ui/parts/window.py" line="257"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="115"/>
        <location filename="../../ui/parts/window.py" line="172"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="116"/>
        <source>Tracking</source>
        <translation>追溯</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="116"/>
        <location filename="../../ui/parts/window.py" line="225"/>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="126"/>
        <source>Scan or type the batch or serial number, Enter</source>
        <translation>扫描或输入批次号、序列号，回车</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="127"/>
        <source>A barcode scanner types here and presses Enter</source>
        <translation>扫码枪在此输入并回车</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="130"/>
        <source>Issue</source>
        <translation>发料</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="131"/>
        <source>Hand the selected part out (F9)</source>
        <translation>发出所选配件（F9）</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="134"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="136"/>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="142"/>
        <source>Today&apos;s picks</source>
        <translation>今日领料</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="147"/>
        <source>Parts issued today: select one the bay brings back.</source>
        <translation>今日已发配件：选择车间退回的一项。</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="115"/>
        <location filename="../../ui/parts/window.py" line="149"/>
        <location filename="../../ui/parts/window.py" line="255"/>
        <source>Repair order</source>
        <translation>维修单</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="115"/>
        <location filename="../../ui/parts/window.py" line="149"/>
        <location filename="../../ui/parts/window.py" line="203"/>
        <location filename="../../ui/parts/window.py" line="224"/>
        <location filename="../../ui/parts/window.py" line="256"/>
        <source>Part</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="149"/>
        <location filename="../../ui/parts/window.py" line="255"/>
        <source>Issued</source>
        <translation>已发</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="149"/>
        <location filename="../../ui/parts/window.py" line="224"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="155"/>
        <source>Quantity back</source>
        <translation>退回数量</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="157"/>
        <source>Serial numbers (scan, comma between)</source>
        <translation>序列号（扫描，用逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="159"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="160"/>
        <source>Take back</source>
        <translation>收回</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="165"/>
        <source>Returns from the bay</source>
        <translation>车间退料</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="172"/>
        <source>Purchase order</source>
        <translation>采购单</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="172"/>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="173"/>
        <source>Expected</source>
        <translation>预计到货</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="180"/>
        <source>Order what is short</source>
        <translation>订购缺货</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="181"/>
        <source>Draft purchase orders from back-orders and reorder points</source>
        <translation>根据缺货单和补货点生成采购单草稿</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="183"/>
        <source>Edit lines…</source>
        <translation>编辑明细…</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="185"/>
        <source>Quantities, prices, lines added or removed: while the order is a draft</source>
        <translation>数量、单价、增删明细：采购单为草稿时可改</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="189"/>
        <source>Send</source>
        <translation>发出</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="192"/>
        <source>Save as PDF or XLSX…</source>
        <translation>另存为 PDF 或 XLSX…</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="201"/>
        <source>Delivery note: quantities and batch or serials received</source>
        <translation>到货单：实收数量及批次或序列号</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="203"/>
        <source>Ordered</source>
        <translation>订购</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="203"/>
        <source>Received so far</source>
        <translation>已收</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="204"/>
        <source>Delivered now</source>
        <translation>本次到货</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="204"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="204"/>
        <source>Serial numbers</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="211"/>
        <source>Book the delivery</source>
        <translation>登记到货</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="215"/>
        <source>Receiving</source>
        <translation>收货</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="221"/>
        <source>Type what is on the shelf into “Counted”, then record the counts.</source>
        <translation>在“盘点数”一栏填入货架上的实际数量，然后记录盘点。</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="224"/>
        <source>Part number</source>
        <translation>配件编号</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="224"/>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="225"/>
        <source>Reserved</source>
        <translation>预留</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="225"/>
        <source>Counted</source>
        <translation>盘点数</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="226"/>
        <source>Variance</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="233"/>
        <source>Record the counts</source>
        <translation>记录盘点</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="234"/>
        <source>Record every count typed and not recorded yet</source>
        <translation>记录所有已填写但尚未记录的盘点数</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="612"/>
        <source>Type what you counted into the “Counted” column.</source>
        <translation>请在“盘点数”一栏填入盘点到的数量。</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="238"/>
        <source>Stock count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="245"/>
        <source>Batch or serial number</source>
        <translation>批次号或序列号</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="247"/>
        <location filename="../../ui/parts/window.py" line="262"/>
        <source>Trace</source>
        <translation>追溯</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="255"/>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="255"/>
        <source>VIN</source>
        <translation>车架号</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="256"/>
        <source>Vehicle</source>
        <translation>车型</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="256"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="256"/>
        <source>Batch / serial</source>
        <translation>批次 / 序列号</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="343"/>
        <source>{n} of {q} scanned</source>
        <translation>已扫 {n} / {q}</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="356"/>
        <source>Select a part to issue.</source>
        <translation>请选择要发出的配件。</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="384"/>
        <source>{sku} ×{q} issued to {ro} {what}</source>
        <translation>{sku} ×{q} 已发给 {ro} {what}</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="399"/>
        <source>Select the issued part that came back.</source>
        <translation>请选择退回的已发配件。</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="420"/>
        <source>{sku} ×{q} back on the shelf</source>
        <translation>{sku} ×{q} 已退回货架</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="471"/>
        <source>{n} purchase orders drafted</source>
        <translation>已生成 {n} 张采购单草稿</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="476"/>
        <source>Select a draft purchase order to edit.</source>
        <translation>请选择要编辑的草稿采购单。</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="503"/>
        <source>{po} saved: {n} lines</source>
        <translation>{po} 已保存：{n} 行</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="524"/>
        <location filename="../../ui/parts/window.py" line="558"/>
        <source>Select the purchase order of the delivery.</source>
        <translation>请选择到货对应的采购单。</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="527"/>
        <source>Save the purchase order</source>
        <translation>保存采购单</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="550"/>
        <source>Put right the cells marked in red first: %1</source>
        <translation>请先改正标红的单元格：%1</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="574"/>
        <source>{po} booked</source>
        <translation>{po} 已登记</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="576"/>
        <source>waiting repair orders told: {ros}</source>
        <translation>已通知等待的维修单：{ros}</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="582"/>
        <source>{ro}: promised time moved to {time}</source>
        <translation>{ro}：承诺交车时间已改为 {time}</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="638"/>
        <source>{sku}: variance {v}</source>
        <translation>{sku}：差异 {v}</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="657"/>
        <source>{code}: {r} received, {h} on the shelf, fitted to {n} repair orders</source>
        <translation>{code}：入库 {r}，在架 {h}，已用于 {n} 张维修单</translation>
    </message>
</context>
<context>
    <name>PoEditDialog</name>
    <message>
        <location filename="../../ui/parts/dialogs.py" line="44"/>
        <source>Edit purchase order {number}</source>
        <translation>编辑采购单 {number}</translation>
    </message>
    <message>
        <location filename="../../ui/parts/dialogs.py" line="48"/>
        <source>{supplier} · draft: quantities and prices as agreed, then Save and Send</source>
        <translation>{supplier} · 草稿：按约定填写数量和单价，然后保存并发出</translation>
    </message>
    <message>
        <location filename="../../ui/parts/dialogs.py" line="54"/>
        <source>Part number</source>
        <translation>配件编号</translation>
    </message>
    <message>
        <location filename="../../ui/parts/dialogs.py" line="54"/>
        <source>Part</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../../ui/parts/dialogs.py" line="54"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/parts/dialogs.py" line="54"/>
        <location filename="../../ui/parts/dialogs.py" line="71"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/parts/dialogs.py" line="55"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../ui/parts/dialogs.py" line="64"/>
        <source>Part number (scan or type)</source>
        <translation>配件编号（扫描或输入）</translation>
    </message>
    <message>
        <location filename="../../ui/parts/dialogs.py" line="73"/>
        <source>Add line</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <location filename="../../ui/parts/dialogs.py" line="74"/>
        <source>Remove line</source>
        <translation>删除一行</translation>
    </message>
    <message>
        <location filename="../../ui/parts/dialogs.py" line="75"/>
        <source>Take the selected line off the order</source>
        <translation>从采购单中删除所选行</translation>
    </message>
    <message>
        <location filename="../../ui/parts/dialogs.py" line="89"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/parts/dialogs.py" line="90"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/parts/dialogs.py" line="132"/>
        <source>{sku} is on the order already.</source>
        <translation>{sku} 已在采购单上。</translation>
    </message>
    <message>
        <location filename="../../ui/parts/dialogs.py" line="153"/>
        <source>Select the line to remove.</source>
        <translation>请选择要删除的行。</translation>
    </message>
    <message>
        <location filename="../../ui/parts/dialogs.py" line="162"/>
        <source>Put right the cells marked in red first: %1</source>
        <translation>请先改正标红的单元格：%1</translation>
    </message>
</context>
<context>
    <name>PoLinesModel</name>
    <message>
        <location filename="../../ui/parts/entry_models.py" line="84"/>
        <source>Type how many to order.</source>
        <translation>请填写订购数量。</translation>
    </message>
</context>
</TS>
