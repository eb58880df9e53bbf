<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../ui/reports/charts.py" line="57"/>
        <source>Reception</source>
        <translation>接待</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="58"/>
        <source>Queue</source>
        <translation>等工位</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="59"/>
        <source>In bay</source>
        <translation>进工位</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="60"/>
        <source>Diagnosis</source>
        <translation>诊断</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="61"/>
        <source>Repair</source>
        <translation>维修</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="62"/>
        <source>Road test</source>
        <translation>路试</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="63"/>
        <source>QC</source>
        <translation>质检</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="64"/>
        <source>Wash</source>
        <translation>洗车</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="65"/>
        <source>Pickup</source>
        <translation>等取车</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="72"/>
        <source>Parts</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="73"/>
        <source>Approval</source>
        <translation>客户确认</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="74"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="75"/>
        <source>Break</source>
        <translation>休息</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="76"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="109"/>
        <source>Efficiency per technician (sold ÷ clocked), %</source>
        <translation>技师效率（售出 ÷ 打卡），%</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="111"/>
        <source>Efficiency</source>
        <translation>效率</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="123"/>
        <location filename="../../ui/reports/charts.py" line="151"/>
        <source>no work in this range</source>
        <translation>此时间段内没有作业</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="138"/>
        <source>Cycle time per stage, minutes (median and p90)</source>
        <translation>各阶段周期时间，分钟（中位数与 P90）</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="140"/>
        <source>median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="140"/>
        <source>p90</source>
        <translation>P90</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="167"/>
        <source>Pause reasons by lost time (Pareto)</source>
        <translation>暂停原因按损失时间排序（帕累托）</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="169"/>
        <source>Hours lost</source>
        <translation>损失小时</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="177"/>
        <source>Cumulative share</source>
        <translation>累计占比</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="184"/>
        <source>no pauses in this range</source>
        <translation>此时间段内没有暂停</translation>
    </message>
    <message>
        <location filename="../../ui/reports/charts.py" line="204"/>
        <source>Bay utilisation per day (occupied ÷ open), %</source>
        <translation>每日工位利用率（占用 ÷ 开放），%</translation>
    </message>
</context>
<context>
    <name>ReportsWindow</name>
    <message>
        <location filename="../../ui/reports/window.py" line="92"/>
        <source>Workshop — reports</source>
        <translation>Workshop — 报表</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="96"/>
        <source>Reports: sign in as a manager or foreman</source>
        <translation>报表：请以经理或车间主管身份登录</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="110"/>
        <source>Service KPIs</source>
        <translation>售后 KPI</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="119"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="121"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="124"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="125"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="126"/>
        <source>Last 90 days</source>
        <translation>近 90 天</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="131"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="144"/>
        <source>Productivity</source>
        <translation>生产率</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="145"/>
        <source>Efficiency</source>
        <translation>效率</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="146"/>
        <source>Proficiency</source>
        <translation>熟练度</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="147"/>
        <source>Bay utilisation</source>
        <translation>工位利用率</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="148"/>
        <source>Promises kept</source>
        <translation>按时完工</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="149"/>
        <source>Effective labour rate</source>
        <translation>实际工时单价</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="150"/>
        <source>Comebacks</source>
        <translation>返修</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="173"/>
        <source>Click a tile, a bar or a line to see its ROs.</source>
        <translation>点击指标卡、柱或折线，查看其背后的工单。</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="177"/>
        <source>RO</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="177"/>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="177"/>
        <source>Opened</source>
        <translation>开单</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="177"/>
        <source>Ready</source>
        <translation>完工</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="178"/>
        <source>Promised</source>
        <translation>承诺</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="226"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="247"/>
        <source>Service KPIs · {store}</source>
        <translation>售后 KPI · {store}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="251"/>
        <source>{period} · {n} ROs opened, {d} delivered, {i} invoiced</source>
        <translation>{period} · 开单 {n}，交车 {d}，开票 {i}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="288"/>
        <source>Revenue (net) {rev} · hours sold {hrs} h · {hpr} h per RO · average RO {avg}</source>
        <translation>营收（不含税）{rev} · 售出工时 {hrs} 小时 · 单车 {hpr} 小时 · 单车产值 {avg}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/window.py" line="324"/>
        <source>{what}: {n} ROs</source>
        <translation>{what}：{n} 张工单</translation>
    </message>
</context>
</TS>
