<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CreditNoteDialog</name>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="860"/>
        <source>Credit note for {0}</source>
        <translation>为 {0} 开具红字冲销单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="863"/>
        <source>Everything left to credit ({0})</source>
        <translation>全部剩余可冲销金额（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="864"/>
        <source>Whole lines:</source>
        <translation>整行冲销：</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="865"/>
        <source>An amount:</source>
        <translation>冲销金额：</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="873"/>
        <source>{0}. {1} — {2} left</source>
        <translation>{0}. {1} — 剩余 {2}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="883"/>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="888"/>
        <source>Why is it credited?</source>
        <translation>冲销原因</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="895"/>
        <source>off the share of</source>
        <translation>冲减付款方</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="899"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="905"/>
        <source>Issue credit note</source>
        <translation>开具冲销单</translation>
    </message>
</context>
<context>
    <name>SettlementModel</name>
    <message>
        <location filename="../../ui/front_desk/settlement_model.py" line="24"/>
        <source>RO</source>
        <translation>维修单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_model.py" line="25"/>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_model.py" line="26"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_model.py" line="27"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_model.py" line="28"/>
        <source>Outstanding</source>
        <translation>未付</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_model.py" line="29"/>
        <source>Invoice</source>
        <translation>结算单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_model.py" line="45"/>
        <source>Settled</source>
        <translation>已结算</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_model.py" line="47"/>
        <source>Awaiting payment</source>
        <translation>待收款</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_model.py" line="48"/>
        <source>Ready to invoice</source>
        <translation>待结算</translation>
    </message>
</context>
<context>
    <name>SettlementPanel</name>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="124"/>
        <source>Ready and settled today</source>
        <translation>待结算与今日已结算</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="139"/>
        <source>Pick a repair order on the left.</source>
        <translation>请在左侧选择维修单。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="147"/>
        <source>Type</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="148"/>
        <source>Description</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="149"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="150"/>
        <source>Discount %</source>
        <translation>折扣 %</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="151"/>
        <source>Payer</source>
        <translation>付款方</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="152"/>
        <source>Payer share %</source>
        <translation>付款比例 %</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="162"/>
        <source>Discounts and payers</source>
        <translation>优惠与付款方</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="165"/>
        <source>coupon code</source>
        <translation>优惠券码</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="168"/>
        <source>insurer&apos;s name</source>
        <translation>保险公司名称</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="171"/>
        <source>Invoice discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="172"/>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="173"/>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="175"/>
        <source>Deductible (customer pays, insurer less)</source>
        <translation>免赔额（客户承担）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="176"/>
        <location filename="../../ui/front_desk/settlement_panel.py" line="240"/>
        <source>Insurer</source>
        <translation>保险公司</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="177"/>
        <source>Sell a package</source>
        <translation>销售套餐</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="185"/>
        <source>Totals</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="196"/>
        <source>Issue invoice</source>
        <translation>开具结算单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="197"/>
        <source>Issue invoice (Ctrl+Return)</source>
        <translation>开具结算单 (Ctrl+Return)</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="201"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="202"/>
        <source>Print the invoice (Ctrl+P)</source>
        <translation>打印结算单 (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="205"/>
        <source>Receipt</source>
        <translation>小票</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="207"/>
        <source>Credit note…</source>
        <translation>红字冲销…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="214"/>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="220"/>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="221"/>
        <source>cash tendered</source>
        <translation>现金实收</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="222"/>
        <source>Take payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="223"/>
        <source>Take payment (Ctrl+Shift+P)</source>
        <translation>收款 (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="239"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="241"/>
        <source>Warranty</source>
        <translation>厂家索赔</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="242"/>
        <source>Internal</source>
        <translation>内部</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="247"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="248"/>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="249"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="250"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="251"/>
        <source>On account</source>
        <translation>挂账</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="255"/>
        <source>Labor</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="255"/>
        <source>Part</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="255"/>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="320"/>
        <source>Points (has {0})</source>
        <translation>积分（现有 {0}）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="328"/>
        <source>none</source>
        <translation>不销售</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="490"/>
        <source>List price</source>
        <translation>原价合计</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="491"/>
        <source>Discounts</source>
        <translation>优惠</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="492"/>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="493"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="494"/>
        <source>paid</source>
        <translation>已付</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="502"/>
        <source>Credited</source>
        <translation>已冲销</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="505"/>
        <source>Credit notes: {0}</source>
        <translation>红字冲销单：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="557"/>
        <source>Something went wrong: {0}</source>
        <translation>出错了：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="569"/>
        <source>Reconnecting to the database… (try {0})</source>
        <translation>正在重新连接数据库…（第 {0} 次）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="579"/>
        <source>Sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="616"/>
        <source>The database did not answer after several tries, so this was not confirmed. Check the invoice before you try again.</source>
        <translation>数据库多次未响应，此操作未得到确认。请先核对发票再重试。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="627"/>
        <source>Invoice {0} issued.</source>
        <translation>已开具结算单 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="664"/>
        <source>Paid. Change: {0}</source>
        <translation>已收款，找零：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="666"/>
        <source>Fully paid; the car may leave.</source>
        <translation>已全部付清，车辆可以离店。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="669"/>
        <source>Payment recorded; {0} still owed.</source>
        <translation>已记录收款，尚欠 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="700"/>
        <source>Credit note {0} issued.</source>
        <translation>已开具红字冲销单 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="749"/>
        <source>Sent {0} page(s) to the printer.</source>
        <translation>已发送 {0} 页到打印机。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="770"/>
        <source>Receipt printed.</source>
        <translation>小票已打印。</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/settlement_panel.py" line="772"/>
        <source>The receipt printer did not print: {0}</source>
        <translation>小票打印机未能打印：{0}</translation>
    </message>
</context>
</TS>
