<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>SettlementModel</name>
    <message>
        <location filename="../../ui/front_desk/settlement_model.py" line="24" />
        <source>RO</source>
        <translation>维修单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_model.py" line="25" />
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_model.py" line="26" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_model.py" line="27" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_model.py" line="28" />
        <source>Outstanding</source>
        <translation>未付</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_model.py" line="29" />
        <source>Invoice</source>
        <translation>结算单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_model.py" line="45" />
        <source>Settled</source>
        <translation>已结算</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_model.py" line="47" />
        <source>Awaiting payment</source>
        <translation>待收款</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_model.py" line="48" />
        <source>Ready to invoice</source>
        <translation>待结算</translation>
    </message>
</context>
<context>
    <name>SettlementPanel</name>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="108" />
        <source>Ready and settled today</source>
        <translation>待结算与今日已结算</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="123" />
        <source>Pick a repair order on the left.</source>
        <translation>请在左侧选择维修单。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="131" />
        <source>Type</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="132" />
        <source>Description</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="133" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="134" />
        <source>Discount %</source>
        <translation>折扣 %</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="135" />
        <source>Payer</source>
        <translation>付款方</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="136" />
        <source>Payer share %</source>
        <translation>付款比例 %</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="144" />
        <source>Discounts and payers</source>
        <translation>优惠与付款方</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="147" />
        <source>coupon code</source>
        <translation>优惠券码</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="150" />
        <source>insurer's name</source>
        <translation>保险公司名称</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="151" />
        <source>Invoice discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="152" />
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="153" />
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="155" />
        <source>Deductible (customer pays, insurer less)</source>
        <translation>免赔额（客户承担）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="156" />
        <location filename="../../ui/front_desk/settlement_panel.py" line="220" />
        <source>Insurer</source>
        <translation>保险公司</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="163" />
        <source>Totals</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="174" />
        <source>Issue invoice</source>
        <translation>开具结算单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="175" />
        <source>Issue invoice (Ctrl+Return)</source>
        <translation>开具结算单 (Ctrl+Return)</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="179" />
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="180" />
        <source>Print the invoice (Ctrl+P)</source>
        <translation>打印结算单 (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="183" />
        <source>Receipt</source>
        <translation>小票</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="185" />
        <source>Credit note…</source>
        <translation>红字冲销…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="192" />
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="198" />
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="199" />
        <source>cash tendered</source>
        <translation>现金实收</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="200" />
        <source>Take payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="201" />
        <source>Take payment (Ctrl+Shift+P)</source>
        <translation>收款 (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="219" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="221" />
        <source>Warranty</source>
        <translation>厂家索赔</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="222" />
        <source>Internal</source>
        <translation>内部</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="227" />
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="228" />
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="229" />
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="230" />
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="231" />
        <source>On account</source>
        <translation>挂账</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="235" />
        <source>Labor</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="235" />
        <source>Part</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="235" />
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="296" />
        <source>Points (has {0})</source>
        <translation>积分（现有 {0}）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="388" />
        <source>List price</source>
        <translation>原价合计</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="389" />
        <source>Discounts</source>
        <translation>优惠</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="390" />
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="391" />
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="392" />
        <source>paid</source>
        <translation>已付</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="438" />
        <source>Something went wrong: {0}</source>
        <translation>出错了：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="453" />
        <source>Sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="483" />
        <source>Invoice {0} issued.</source>
        <translation>已开具结算单 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="518" />
        <source>Paid. Change: {0}</source>
        <translation>已收款，找零：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="520" />
        <source>Fully paid; the car may leave.</source>
        <translation>已全部付清，车辆可以离店。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="523" />
        <source>Payment recorded; {0} still owed.</source>
        <translation>已记录收款，尚欠 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="550" />
        <source>Credit note {0} issued.</source>
        <translation>已开具红字冲销单 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="600" />
        <source>Sent {0} page(s) to the printer.</source>
        <translation>已发送 {0} 页到打印机。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="621" />
        <source>Receipt printed.</source>
        <translation>小票已打印。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="623" />
        <source>The receipt printer did not print: {0}</source>
        <translation>小票打印机未能打印：{0}</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="560" />
        <source>Credit note</source>
        <translation>红字冲销</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="560" />
        <source>Why is {0} reversed?</source>
        <translation>为什么冲销 {0}？</translation>
    </message>
</context>
</TS>