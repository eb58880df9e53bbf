<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ClaimsModel</name>
    <message>
        <location filename="../../ui/front_desk/claims_model.py" line="67"/>
        <source>Approved</source>
        <translation>已核准</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_model.py" line="68"/>
        <source>Paid</source>
        <translation>已赔付</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_model.py" line="60"/>
        <source>Claim</source>
        <translation>索赔单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_model.py" line="61"/>
        <source>Opened</source>
        <translation>开立日期</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_model.py" line="62"/>
        <source>Invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_model.py" line="63"/>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_model.py" line="64"/>
        <source>Payer</source>
        <translation>付款方</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_model.py" line="65"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_model.py" line="66"/>
        <source>Claimed</source>
        <translation>索赔金额</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_model.py" line="69"/>
        <source>Still owed</source>
        <translation>尚欠</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_model.py" line="70"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_model.py" line="78"/>
        <source>{0} billed to {1}: {2}, {3}</source>
        <translation>{0} 已转给{1}：{2}，{3}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_model.py" line="82"/>
        <source>{0} not paid: bill it to the customer or internal</source>
        <translation>{0} 未获赔：请转给客户或内部</translation>
    </message>
</context>
<context>
    <name>ClaimsPanel</name>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="42"/>
        <source>Warranty and insurance claims</source>
        <translation>保修与保险索赔</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="49"/>
        <source>Still owed only</source>
        <translation>只看尚欠</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="55"/>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="56"/>
        <source>Send the draft to the OEM or insurer</source>
        <translation>把草稿提交给厂家或保险公司</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="57"/>
        <source>Approved…</source>
        <translation>核准…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="58"/>
        <source>The payer approved it (less than claimed: a cut)</source>
        <translation>付款方已核准（少于索赔金额即为核减）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="59"/>
        <source>Paid…</source>
        <translation>已赔付…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="60"/>
        <source>The payer paid it (less than approved: short paid)</source>
        <translation>付款方已赔付（少于核准金额即为少付）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="61"/>
        <source>Rejected…</source>
        <translation>拒赔…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="62"/>
        <source>Bill the rest to…</source>
        <translation>余额转给…</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="64"/>
        <source>A credit note and a new invoice to the customer or internal</source>
        <translation>开红字发票并向客户或内部开新发票</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="94"/>
        <source>Claims</source>
        <translation>索赔</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="123"/>
        <source>{0} owes {1}</source>
        <translation>{0} 尚欠 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="127"/>
        <source>not paid, to bill: {0}</source>
        <translation>未获赔待转：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="128"/>
        <source>Nothing owed</source>
        <translation>无欠款</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="161"/>
        <source>Not an amount: {0}</source>
        <translation>不是金额：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="172"/>
        <source>Amount approved</source>
        <translation>核准金额</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="181"/>
        <source>Amount paid</source>
        <translation>赔付金额</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/claims_panel.py" line="189"/>
        <source>Why was it rejected?</source>
        <translation>拒赔原因？</translation>
    </message>
</context>
</TS>
