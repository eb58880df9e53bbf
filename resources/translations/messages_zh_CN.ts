<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MessagesModel</name>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="26"/>
        <source>Waiting</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="27"/>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="28"/>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="29"/>
        <source>Failed</source>
        <translation>发送失败</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="30"/>
        <source>Not sent (opted out)</source>
        <translation>未发送（车主拒收）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="36"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="37"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="38"/>
        <source>Email</source>
        <translation>邮件</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="61"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="62"/>
        <source>RO</source>
        <translation>维修单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="63"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="64"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="65"/>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="66"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="67"/>
        <source>Text / reason</source>
        <translation>内容 / 原因</translation>
    </message>
</context>
<context>
    <name>MessagesPanel</name>
    <message>
        <location filename="../../ui/front_desk/messages_panel.py" line="51"/>
        <source>Messages to owners</source>
        <translation>车主消息</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_panel.py" line="58"/>
        <location filename="../../ui/front_desk/messages_panel.py" line="119"/>
        <source>Failures only</source>
        <translation>只看失败</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_panel.py" line="61"/>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_panel.py" line="62"/>
        <source>Send the selected failed message again</source>
        <translation>重新发送选中的失败消息</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_panel.py" line="83"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_panel.py" line="119"/>
        <source>Failures only ({0})</source>
        <translation>只看失败（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_panel.py" line="145"/>
        <source>The message will be sent again.</source>
        <translation>消息将重新发送。</translation>
    </message>
</context>
</TS>
