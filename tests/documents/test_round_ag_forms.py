"""Forms met on a thirtieth held-out set (set AG: town and street 要点, 创文 plans and checks,
party building, hotline plans), each on a short example written for the test (names,
figures and dates invented)."""

import datetime as dt

from mingzhu.documents.decompose import decompose

# --- an activity plan: 活动一/活動二 parts, a 落实单位 line closing each group ---------------


def test_a_units_line_labelled_luoshi_closes_its_group_of_activities():
    text = (
        "青石县创建文明县城活动方案\n"
        "活动一、开展城区环境整治活动。\n"
        "1、县住建局要开展“清洁家园”活动,动员居民参与整治。\n"
        "2、县爱卫办要开展“卫生先行”活动,巩固卫生县城成果。\n"
        "落实单位:县委宣传部、县住建局、县卫健局\n"
        "活動二、深入開展文明社區創建活動。\n"
        "1、在社區內建立各種文化組織,培育有特色的社區文化。\n"
        "落實單位:文體局、某鎮各社區\n"
        "2、開展鄰里互助服務,方便社區居民生活。\n"
        "落實單位:民政局\n"
    )
    d = decompose(text)
    assert [(i.code, i.named_lead, i.named_co) for i in d.items] == [
        ("1.1", "县委宣传部", ["县住建局", "县卫健局"]),
        ("1.2", "县委宣传部", ["县住建局", "县卫健局"]),
        ("2.1", "文體局", ["某鎮各社區"]),
        ("2.2", "民政局", []),
    ]
    assert [s.title for s in d.sections] == ["开展城区环境整治活动", "深入開展文明社區創建活動"]


def test_a_lead_named_as_the_main_one_in_the_run_of_a_sentence():
    text = (
        "青石县市容提升活动方案\n"
        "一、开展市容整治活动。\n"
        "1、由县住建局为主,整治县城市容市貌,为市民创造整洁的生活环境。\n"
        "2、由县交通局牵头,完成城区道路标线施划。\n"
        "3、县城管局要开展夜市规范活动,以主干道为主,兼顾背街小巷。\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead) for i in d.items] == [
        ("整治县城市容市貌", "县住建局"),
        ("完成城区道路标线施划", "县交通局"),
        ("县城管局要开展夜市规范活动,以主干道为主,兼顾背街小巷", ""),
    ]


# --- the first or middle ten days of a month ---------------------------------------------


def test_the_first_ten_days_of_a_month_end_on_its_tenth_and_the_middle_on_its_twentieth():
    text = (
        "青石区“随手办”服务通道工作方案\n"
        "二、工作内容\n"
        "(一)成立工作专班(2028年3月上旬完成)\n"
        "成立工作专班,负责统筹协调。(牵头单位:区政府办)\n"
        "(二)梳理诉求事项清单(2028年4月中旬前完成)\n"
        "梳理高频诉求事项,形成清单。(牵头单位:区政务服务中心)\n"
        "(三)上线服务平台(2028年5月下旬完成)\n"
        "完成平台部署和测试。(牵头单位:区大数据中心)\n"
    )
    d = decompose(text)
    assert [(i.named_lead, i.deadline) for i in d.items] == [
        ("区政府办", dt.date(2028, 3, 10)),
        ("区政务服务中心", dt.date(2028, 4, 20)),
        ("区大数据中心", dt.date(2028, 5, 31)),
    ]


# --- an inspection's findings stored with the page's markup ------------------------------


def test_findings_stored_with_their_markup_are_read_line_by_line():
    text = (
        '<p class="ql-block"> 为迎接文明城市测评,5月8日,区创文办督查组对青石街道进行检查,'
        "共发现问题15个,请各责任单位立行立改。</p> "
        '<p class="ql-block">一、青石社区</p> <p class="ql-block">(一)社区服务中心</p> '
        '<p class="ql-block">该点位文明创建工作整体良好。</p> '
        '<p class="ql-block">1.显著位置设置公益宣传广告。</p> '
        '<p class="ql-block">2.志愿服务站设有服务项目和管理制度。</p> '
        '<p class="ql-block">(二)农贸市场</p> '
        '<p class="ql-block">1.市场东侧占道经营现象突出。(责任单位:区城管局)</p> '
        '<p class="ql-block">2.公厕保洁不到位。(责任单位:区市场监管局)</p>'
    )
    d = decompose(text)
    assert [(i.title, i.named_lead) for i in d.items] == [
        ("市场东侧占道经营现象突出", "区城管局"),
        ("公厕保洁不到位", "区市场监管局"),
    ]
    assert d.targets == []  # (15 problems found: a count of the inspection, no target)


def test_a_target_that_counts_problems_to_find_is_not_taken_for_a_report():
    d = decompose(
        "青石镇隐患排查工作方案\n"
        "一、工作目标\n"
        "到2028年底,排查发现隐患整改率达到100%,重大隐患动态清零。\n"
    )
    assert [(t.indicator, t.value) for t in d.targets] == [("排查发现隐患整改率", 100)]


# --- an action plan's goals in stages, a rate broken over lines --------------------------


def test_action_goals_in_stages_with_a_rate_broken_over_lines():
    text = (
        "青石街道城市基层党建提升行动方案\n"
        "一、总体思路\n"
        "以提升组织力为重点,打造党建引领基层治理新格局。\n"
        "二、行动目标\n"
        "到2029年底,全面建成党建示范型街道。具体计划为:\n"
        "——到2027年6月底,建成标准型社区;标准型小区达90\n"
        "%\n"
        ",其中示范型小区5个;建成示范型党群服务中心3个,示范型红色驿站4个。\n"
        "——到2028年12月,累计建成示范型社区8个。\n"
    )
    d = decompose(text)
    assert d.items == []
    assert [(t.indicator, t.value, t.deadline) for t in d.targets] == [
        ("标准型小区", 90, dt.date(2027, 6, 30)),
        ("示范型党群服务中心", 3, dt.date(2027, 6, 30)),
        ("示范型红色驿站", 4, dt.date(2027, 6, 30)),
        ("示范型社区", 8, dt.date(2028, 12, 31)),
    ]


# --- a report on a month's work ----------------------------------------------------------


def test_the_points_of_a_months_report_are_facts_but_its_next_steps_stay():
    text = (
        "关于12345热线3月份办理情况的通报\n"
        "各乡镇人民政府、街道办事处,市直各部门:\n"
        "现将全市12345热线3月份工单办理情况通报如下:\n"
        "一、基本情况\n"
        "1.基本数据:3月份共受理群众诉求1520件,按时办结率98%。\n"
        "2.办件量位于前三的部门:住建局80件;城管局62件。\n"
        "二、热点问题\n"
        "反映噪音扰民的来电95件,占比6.3%。\n"
        "三、下步工作\n"
        "1.开展重复工单专项清理,4月底前完成。\n"
        "2.完善派单目录。(责任单位:市政务服务中心)\n"
        "青川市人民政府办公室\n"
        "2028年4月10日\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead, i.deadline) for i in d.items] == [
        ("开展重复工单专项清理,4月底前完成", "", dt.date(2028, 4, 30)),
        ("完善派单目录", "市政务服务中心", None),
    ]
    assert d.targets == []


def test_a_last_row_whose_body_stops_before_any_mark_is_cut():
    text = (
        "青石区“随手办”服务通道工作方案\n"
        "二、工作内容\n"
        "(一)成立工作专班(2028年3月底前完成)\n"
        "成立工作专班,负责统筹协调。(牵头单位:区政府办)\n"
        "(二)梳理诉求事项清单(2028年4月底前完成)\n"
        "以市政府办公室确定的政务服务便民热线受理范围为基础梳理\n"
    )
    d = decompose(text)
    assert [i.title for i in d.items] == ["成立工作专班(2028年3月底前完成)"]
    # (a row whose body is whole stays)
    whole = decompose(text.replace("为基础梳理\n", "为基础梳理高频事项。\n"))
    assert len(whole.items) == 2


# --- a share of what a work deals with; what a structure reaches -------------------------


def test_a_share_before_what_the_work_deals_with_and_what_a_structure_reaches():
    text = (
        "青石县2028年基层党建工作要点\n"
        "(一)实施“强基”计划,建强战斗堡垒。组建产业链联合党委,"
        "辐射带动120家链上企业、9个党组织、86名党员纳入统一管理。"
        "力争到2028年底消化70%超职数干部,化解85%村级债务。\n"
    )
    d = decompose(text)
    assert [(t.indicator, t.value, t.unit, t.comparator, t.deadline) for t in d.targets] == [
        ("消化超职数干部", 70, "%", ">=", dt.date(2028, 12, 31)),
        ("化解村级债务", 85, "%", ">=", dt.date(2028, 12, 31)),
    ]


# --- an office doing the work on a cadence, named in the run of a sentence ----------------


def test_an_office_that_does_the_work_on_a_cadence_leads_it():
    text = (
        "青石镇2028年村(居)党建工作要点\n"
        "一、夯实党建基础\n"
        "1、深化党支部“堡垒指数”考核。由镇党建办公室每月20日前对各党支部"
        "“三会一课”情况进行一次考核,每季度排名一次。\n"
        "2、细化党员“先锋指数”考核。各党支部每月对党员进行一次打分,报送镇党建办公室。\n"
        "3、建强党员活动阵地。由各村按照标准改造活动室。\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead, i.long_running) for i in d.items] == [
        ("深化党支部“堡垒指数”考核", "镇党建办公室", True),
        ("细化党员“先锋指数”考核", "", True),
        ("建强党员活动阵地", "", False),
    ]


# --- a sharing site's numbered notes to its readers ---------------------------------------


def test_a_sharing_sites_numbered_notes_are_no_rows():
    text = (
        "青石街道文明城市创建工作实施方案\n"
        "合集下载\n"
        "  1. 1、下载文档前请自行甄别文档内容的完整性,平台不提供额外的编辑服务。\n"
        "  2. 2、如文档侵犯您的权益,请联系客服反馈。\n"
        "一、重点任务\n"
        "1、大力宣传发动。在主要路口制作宣传牌。(责任单位:街道宣传办)\n"
        "2、整治背街小巷。清理乱堆乱放。(责任单位:街道城管中队)\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead) for i in d.items] == [
        ("大力宣传发动", "街道宣传办"),
        ("整治背街小巷", "街道城管中队"),
    ]
    # (the notes numbered as points of the text, without the line heading them)
    alone = decompose(text.replace("合集下载\n", ""))
    assert [i.title for i in alone.items] == ["大力宣传发动", "整治背街小巷"]


# --- rows opening with the months they span ------------------------------------------------


def test_a_row_opening_with_the_months_it_spans_is_due_by_the_last_and_headed_by_its_work():
    text = (
        "青石社区2028年共建工作计划\n"
        "一、共建活动安排\n"
        "(1)1——2月份,组建义务巡查队,巡查小区环境卫生。\n"
        "(2)3-4月份,开展卫生月活动;组织辖区单位植树。\n"
        "(3)11—12月,联系消防中队开展一次消防培训。\n"
    )
    d = decompose(text)
    assert [(i.title, i.deadline) for i in d.items] == [
        ("组建义务巡查队,巡查小区环境卫生", dt.date(2028, 2, 29)),
        ("开展卫生月活动", dt.date(2028, 4, 30)),
        ("联系消防中队开展一次消防培训", dt.date(2028, 12, 31)),
    ]
