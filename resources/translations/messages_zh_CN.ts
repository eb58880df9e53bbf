<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MessagesModel</name>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="24"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="25"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="26"/>
        <source>Email</source>
        <translation>邮件</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="48"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="49"/>
        <source>RO</source>
        <translation>维修单</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="50"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="51"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="52"/>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="53"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_model.py" line="54"/>
        <source>Text / reason</source>
        <translation>内容 / 原因</translation>
    </message>
</context>
<context>
    <name>MessagesPanel</name>
    <message>
        <location filename="../../ui/front_desk/messages_panel.py" line="49"/>
        <source>Messages to owners</source>
        <translation>车主消息</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_panel.py" line="56"/>
        <location filename="../../ui/front_desk/messages_panel.py" line="108"/>
        <source>Failures only</source>
        <translation>只看失败</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_panel.py" line="59"/>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_panel.py" line="60"/>
        <source>Send the selected failed message again</source>
        <translation>重新发送选中的失败消息</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_panel.py" line="72"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_panel.py" line="108"/>
        <source>Failures only ({0})</source>
        <translation>只看失败（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/front_desk/messages_panel.py" line="136"/>
        <source>The message will be sent again.</source>
        <translation>消息将重新发送。</translation>
    </message>
</context>
</TS>
