<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PartsCounterWindow</name>
    <message>
        <location filename="../../ui/parts/window.py" line="133"/>
        <source>Workshop — parts counter</source>
        <translation>Workshop — 配件柜台</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="150"/>
        <source>Parts counter</source>
        <translation>配件柜台</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="172"/>
        <source>Repair order / part</source>
        <translation>维修单 / 配件</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="172"/>
        <location filename="../../ui/parts/window.py" line="296"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="172"/>
        <location filename="../../ui/parts/window.py" line="225"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="173"/>
        <source>Tracking</source>
        <translation>追溯</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="173"/>
        <location filename="../../ui/parts/window.py" line="263"/>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="180"/>
        <source>Scan or type the batch or serial number, Enter</source>
        <translation>扫描或输入批次号、序列号，回车</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="181"/>
        <source>A barcode scanner types here and presses Enter</source>
        <translation>扫码枪在此输入并回车</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="184"/>
        <source>Issue</source>
        <translation>发料</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="185"/>
        <source>Hand the selected part out (F9)</source>
        <translation>发出所选配件（F9）</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="188"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="190"/>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="196"/>
        <source>Today&apos;s picks</source>
        <translation>今日领料</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="201"/>
        <source>Parts issued today: select one the bay brings back.</source>
        <translation>今日已发配件：选择车间退回的一项。</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="203"/>
        <location filename="../../ui/parts/window.py" line="294"/>
        <source>Repair order</source>
        <translation>维修单</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="203"/>
        <location filename="../../ui/parts/window.py" line="246"/>
        <location filename="../../ui/parts/window.py" line="262"/>
        <location filename="../../ui/parts/window.py" line="295"/>
        <source>Part</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="203"/>
        <location filename="../../ui/parts/window.py" line="294"/>
        <source>Issued</source>
        <translation>已发</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="203"/>
        <location filename="../../ui/parts/window.py" line="262"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="208"/>
        <source>Quantity back</source>
        <translation>退回数量</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="210"/>
        <source>Serial numbers (scan, comma between)</source>
        <translation>序列号（扫描，用逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="212"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="213"/>
        <source>Take back</source>
        <translation>收回</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="218"/>
        <source>Returns from the bay</source>
        <translation>车间退料</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="225"/>
        <source>Purchase order</source>
        <translation>采购单</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="225"/>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="226"/>
        <source>Expected</source>
        <translation>预计到货</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="231"/>
        <source>Order what is short</source>
        <translation>订购缺货</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="232"/>
        <source>Draft purchase orders from back-orders and reorder points</source>
        <translation>根据缺货单和补货点生成采购单草稿</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="234"/>
        <source>Send</source>
        <translation>发出</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="236"/>
        <source>Save as PDF or XLSX…</source>
        <translation>另存为 PDF 或 XLSX…</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="244"/>
        <source>Delivery note: quantities and batch or serials received</source>
        <translation>到货单：实收数量及批次或序列号</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="246"/>
        <source>Ordered</source>
        <translation>订购</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="246"/>
        <source>Received so far</source>
        <translation>已收</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="247"/>
        <source>Delivered now</source>
        <translation>本次到货</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="247"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="247"/>
        <source>Serial numbers</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="252"/>
        <source>Book the delivery</source>
        <translation>登记到货</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="256"/>
        <source>Receiving</source>
        <translation>收货</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="262"/>
        <source>Part number</source>
        <translation>配件编号</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="262"/>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="263"/>
        <source>Reserved</source>
        <translation>预留</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="263"/>
        <source>Counted</source>
        <translation>盘点数</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="264"/>
        <source>Variance</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="269"/>
        <source>Counted on the shelf</source>
        <translation>货架实盘数</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="271"/>
        <source>Record the count</source>
        <translation>登记盘点</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="277"/>
        <source>Stock count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="284"/>
        <source>Batch or serial number</source>
        <translation>批次号或序列号</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="286"/>
        <location filename="../../ui/parts/window.py" line="299"/>
        <source>Trace</source>
        <translation>追溯</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="294"/>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="294"/>
        <source>VIN</source>
        <translation>车架号</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="295"/>
        <source>Vehicle</source>
        <translation>车型</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="295"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="295"/>
        <source>Batch / serial</source>
        <translation>批次 / 序列号</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="357"/>
        <source>on the shelf</source>
        <translation>有货</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="358"/>
        <source>back-ordered</source>
        <translation>缺货待到</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="359"/>
        <source>requested</source>
        <translation>已申请</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="360"/>
        <source>issued</source>
        <translation>已发</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="364"/>
        <source>batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="364"/>
        <source>serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="434"/>
        <source>{n} of {q} scanned</source>
        <translation>已扫 {n} / {q}</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="447"/>
        <source>Select a part to issue.</source>
        <translation>请选择要发出的配件。</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="475"/>
        <source>{sku} ×{q} issued to {ro} {what}</source>
        <translation>{sku} ×{q} 已发给 {ro} {what}</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="491"/>
        <source>Select the issued part that came back.</source>
        <translation>请选择退回的已发配件。</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="512"/>
        <source>{sku} ×{q} back on the shelf</source>
        <translation>{sku} ×{q} 已退回货架</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="546"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="547"/>
        <source>sent</source>
        <translation>已发出</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="548"/>
        <source>partly received</source>
        <translation>部分到货</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="549"/>
        <source>received</source>
        <translation>已到货</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="581"/>
        <source>{n} purchase orders drafted</source>
        <translation>已生成 {n} 张采购单草稿</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="599"/>
        <location filename="../../ui/parts/window.py" line="618"/>
        <source>Select the purchase order of the delivery.</source>
        <translation>请选择到货对应的采购单。</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="602"/>
        <source>Save the purchase order</source>
        <translation>保存采购单</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="642"/>
        <source>{po} booked</source>
        <translation>{po} 已登记</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="644"/>
        <source>waiting repair orders told: {ros}</source>
        <translation>已通知等待的维修单：{ros}</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="650"/>
        <source>{ro}: promised time moved to {time}</source>
        <translation>{ro}：承诺交车时间已改为 {time}</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="687"/>
        <source>Select the part you counted.</source>
        <translation>请选择已盘点的配件。</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="709"/>
        <source>{sku}: variance {v}</source>
        <translation>{sku}：差异 {v}</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="729"/>
        <source>{code}: {r} received, {h} on the shelf, fitted to {n} repair orders</source>
        <translation>{code}：入库 {r}，在架 {h}，已用于 {n} 张维修单</translation>
    </message>
</context>
<context>
    <name>PartsSignInPanel</name>
    <message>
        <location filename="../../ui/parts/window.py" line="69"/>
        <source>Parts counter: sign in</source>
        <translation>配件柜台：登录</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="72"/>
        <source>Staff number</source>
        <translation>员工编号</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="74"/>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/parts/window.py" line="76"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
</TS>
