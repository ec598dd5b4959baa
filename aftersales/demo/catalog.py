"""Word lists the demo database is built from: staff, shops, products and complaint phrasing."""

from ..domain.enums import Category, MajorReason, Remedy, Role, ShopCategory

SC = ShopCategory

DEMO_STAFF: list[tuple[str, str, Role, str]] = [
    ("op01", "王芳", Role.OPERATOR, "1111"),
    ("op02", "李娜", Role.OPERATOR, "1112"),
    ("lead01", "张伟", Role.LEAD, "2222"),
    ("mgr01", "刘洋", Role.MANAGER, "3333"),
    ("dc01", "陈刚", Role.DELIVERY, "4444"),
    ("admin", "系统管理员", Role.ADMIN, "0000"),
    ("op03", "赵静", Role.OPERATOR, "1113"),
    ("op04", "黄磊", Role.OPERATOR, "1114"),
    ("op05", "周婷", Role.OPERATOR, "1115"),
    ("op06", "吴强", Role.OPERATOR, "1116"),
]

# Brand-style shop names a furniture and building-materials mall rents to, by category.
SHOPS: list[tuple[str, ShopCategory]] = [
    ("欧派家居", SC.FURNITURE), ("索菲亚全屋定制", SC.FURNITURE), ("顾家家居", SC.FURNITURE),
    ("红苹果家具", SC.FURNITURE), ("全友家居", SC.FURNITURE), ("林氏木业", SC.FURNITURE),
    ("曲美家居", SC.FURNITURE), ("芝华仕沙发", SC.FURNITURE), ("慕思寝具", SC.FURNITURE),
    ("喜临门床垫", SC.FURNITURE), ("圣象地板", SC.FLOORING), ("大自然地板", SC.FLOORING),
    ("德尔地板", SC.FLOORING), ("久盛地板", SC.FLOORING), ("安信地板", SC.FLOORING),
    ("马可波罗瓷砖", SC.TILES), ("东鹏瓷砖", SC.TILES), ("诺贝尔瓷砖", SC.TILES),
    ("蒙娜丽莎瓷砖", SC.TILES), ("冠珠陶瓷", SC.TILES), ("雷士照明", SC.LIGHTING),
    ("欧普照明", SC.LIGHTING), ("三雄极光", SC.LIGHTING), ("佛山照明", SC.LIGHTING),
    ("TOTO卫浴", SC.SANITARY), ("科勒卫浴", SC.SANITARY), ("箭牌卫浴", SC.SANITARY),
    ("九牧卫浴", SC.SANITARY), ("恒洁卫浴", SC.SANITARY), ("皇派门窗", SC.DOORS_WINDOWS),
    ("新豪轩门窗", SC.DOORS_WINDOWS), ("TATA木门", SC.DOORS_WINDOWS), ("梦天木门", SC.DOORS_WINDOWS),
    ("盼盼防盗门", SC.DOORS_WINDOWS), ("立邦漆", SC.WALLPAPER_PAINT), ("多乐士", SC.WALLPAPER_PAINT),
    ("三棵树涂料", SC.WALLPAPER_PAINT), ("玉兰墙纸", SC.WALLPAPER_PAINT), ("雅帝墙布", SC.WALLPAPER_PAINT),
    ("海尔电器", SC.APPLIANCES), ("美的电器", SC.APPLIANCES), ("方太厨电", SC.APPLIANCES),
    ("老板电器", SC.APPLIANCES), ("格力空调", SC.APPLIANCES), ("好太太晾衣架", SC.OTHER),
    ("公牛开关插座", SC.OTHER), ("如鱼得水窗帘", SC.OTHER), ("梦洁家纺", SC.OTHER),
    # Second units of three brands (after the others, so the earlier shops keep their codes).
    ("顾家家居·软床馆", SC.FURNITURE), ("马可波罗瓷砖·岩板馆", SC.TILES), ("九牧卫浴·智能馆", SC.SANITARY),
]

# The brand of the shops that share one with another shop (`shop.brand`; a shop not named here is its own brand).
SHOP_BRANDS: dict[str, str] = {
    "顾家家居": "顾家家居", "顾家家居·软床馆": "顾家家居",
    "马可波罗瓷砖": "马可波罗瓷砖", "马可波罗瓷砖·岩板馆": "马可波罗瓷砖",
    "九牧卫浴": "九牧卫浴", "九牧卫浴·智能馆": "九牧卫浴",
}

# Building letter per shop category: shops of a kind sit together in the mall.
BUILDINGS: dict[ShopCategory, str] = {
    SC.FURNITURE: "A", SC.FLOORING: "B", SC.TILES: "B", SC.LIGHTING: "C", SC.SANITARY: "C",
    SC.DOORS_WINDOWS: "D", SC.WALLPAPER_PAINT: "D", SC.APPLIANCES: "E", SC.OTHER: "E",
}

PRODUCTS: dict[ShopCategory, list[str]] = {
    SC.FURNITURE: ["实木餐桌", "布艺沙发", "真皮沙发", "三门衣柜", "实木双人床", "乳胶床垫", "电视柜",
                   "大理石茶几", "儿童书桌", "餐椅", "整体橱柜", "鞋柜"],
    SC.FLOORING: ["实木地板", "强化复合地板", "实木复合地板", "SPC石塑地板", "踢脚线"],
    SC.TILES: ["客厅地砖", "卫生间墙砖", "大理石瓷砖", "仿古砖", "岩板台面"],
    SC.LIGHTING: ["客厅吸顶灯", "水晶吊灯", "LED筒灯", "卧室台灯", "智能灯带"],
    SC.SANITARY: ["智能马桶", "恒温花洒", "浴室柜", "淋浴房", "厨房水槽", "浴缸"],
    SC.DOORS_WINDOWS: ["断桥铝窗", "实木复合门", "防盗门", "推拉门", "阳台封窗"],
    SC.WALLPAPER_PAINT: ["墙面乳胶漆", "无缝墙布", "儿童房墙纸", "木器漆", "艺术涂料"],
    SC.APPLIANCES: ["对开门冰箱", "滚筒洗衣机", "吸油烟机", "燃气灶", "壁挂空调", "洗碗机"],
    SC.OTHER: ["电动晾衣架", "开关插座", "遮光窗帘", "四件套床品"],
}

DEFECTS: dict[ShopCategory, list[str]] = {
    SC.FURNITURE: ["桌面开裂", "表面油漆起泡脱落", "有刺鼻异味", "抽屉推拉不顺", "坐垫塌陷", "皮面褪色开裂",
                   "柜门变形关不严", "床板异响", "颜色与样品不符", "尺寸与合同不符"],
    SC.FLOORING: ["铺装后起拱", "地板缝隙过大", "表面耐磨层脱落", "踩上去有响声", "色差明显"],
    SC.TILES: ["铺贴后空鼓", "表面有裂纹", "批次色差严重", "釉面起泡", "尺寸偏差大"],
    SC.LIGHTING: ["使用两周后不亮", "频繁闪烁", "灯罩发黄", "遥控失灵", "光色与样品不符"],
    SC.SANITARY: ["底座漏水", "水压不稳", "柜体受潮变形", "玻璃自爆", "下水堵塞"],
    SC.DOORS_WINDOWS: ["密封不严漏风", "下雨渗水", "门锁卡死", "门框变形", "玻璃有划痕"],
    SC.WALLPAPER_PAINT: ["墙面起皮", "墙纸接缝开裂", "漆面发黄", "有明显色差", "出现霉点"],
    SC.APPLIANCES: ["制冷效果差", "运行噪音大", "无法开机", "漏电跳闸", "显示屏故障"],
    SC.OTHER: ["做工粗糙", "使用不到一个月就坏了", "与宣传效果不符", "有明显质量问题", "颜色与样品不符"],
}

# Shops that sell only some of their category's products.
SHOP_PRODUCTS: dict[str, list[str]] = {
    "好太太晾衣架": ["电动晾衣架", "升降晾衣架"], "公牛开关插座": ["开关插座", "智能排插"],
    "如鱼得水窗帘": ["遮光窗帘", "电动窗帘"], "梦洁家纺": ["四件套床品", "蚕丝被"],
    "格力空调": ["壁挂空调", "柜式空调"], "方太厨电": ["吸油烟机", "燃气灶", "洗碗机"],
    "老板电器": ["吸油烟机", "燃气灶", "消毒柜"], "慕思寝具": ["乳胶床垫", "实木双人床"],
    "喜临门床垫": ["乳胶床垫", "弹簧床垫"], "芝华仕沙发": ["布艺沙发", "真皮沙发", "功能沙发"],
    "顾家家居·软床馆": ["实木双人床", "乳胶床垫", "布艺沙发"], "马可波罗瓷砖·岩板馆": ["岩板台面", "大理石瓷砖"],
    "九牧卫浴·智能馆": ["智能马桶", "恒温花洒", "浴室柜"],
    "TATA木门": ["实木复合门", "推拉门"], "梦天木门": ["实木复合门", "推拉门"], "盼盼防盗门": ["防盗门", "智能门锁"],
}

DAMAGES = ["外包装破损、边角磕碰", "表面有明显划痕", "玻璃件碎裂", "搬运时撞坏门框", "部件断裂"]
INSTALL_ISSUES = ["安装师傅迟到三个小时", "安装不牢固", "打孔位置错误", "安装后漏水", "安装后留下大量垃圾未清理",
                  "安装时损坏了墙面", "预约后师傅没有上门"]
PARTS = ["五金配件", "把手", "安装说明书", "遥控器", "固定支架", "螺丝", "配套抽屉"]
ATTITUDES = ["导购态度恶劣", "承诺的赠品不兑现", "售后电话一直无人接听", "店员推诿责任", "店长拒绝沟通"]
PRICE_ISSUES = ["标价与结账金额不一致", "购买一周后降价，不给退差价", "优惠券无法使用", "宣传的满减活动不兑现",
                "定金不予退还"]
CONTRACT_ISSUES = ["合同约定的交货日期一再推迟", "合同写明的材质与实物不符", "商家单方面修改合同条款",
                   "合同未写明保修期，商家拒绝保修", "补充协议被商家否认"]
OTHER_ISSUES = ["商场停车场收费有争议", "送货车辆占用消防通道", "发票迟迟开不出来", "会员积分没有到账"]

TEMPLATES: dict[Category, list[str]] = {
    Category.PRODUCT_QUALITY: ["{p}{d}", "购买{n}周后{p}{d}", "新买的{p}{d}，影响使用"],
    Category.DELIVERY_DELAY: ["{p}约定{n}天内送货，至今未送到", "{p}送货日期已延误{n}天，多次催促无果",
                              "配送中心改期{n}次，{p}仍未送达"],
    Category.DELIVERY_DAMAGE: ["{p}送货时{g}", "签收时发现{p}{g}", "{p}送到家后拆箱发现{g}"],
    Category.INSTALLATION: ["{p}{i}", "{i}，{p}无法正常使用", "{p}安装问题：{i}"],
    Category.MISSING_PARTS: ["{p}到货后缺少{r}", "{p}少发了{r}，催了{n}次还没补发", "拆箱发现{p}缺{r}"],
    Category.SERVICE_ATTITUDE: ["购买{p}时{a}", "{a}，投诉{p}商家", "咨询{p}售后时{a}"],
    Category.PRICE_DISPUTE: ["{p}{c}", "购买{p}：{c}", "{p}{c}，差价约{n}百元"],
    Category.CONTRACT_DISPUTE: ["{p}{k}", "关于{p}：{k}", "{k}，涉及{p}"],
    Category.OTHER: ["{o}", "购买{p}后{o}", "{o}，希望商场协调"],
}

REMEDY_PHRASES: dict[Remedy, list[str]] = {
    Remedy.REPAIR: ["要求上门维修", "希望尽快派人维修", "要求免费维修"],
    Remedy.REPLACE: ["要求换货", "要求更换新品", "要求整套换货"],
    Remedy.RETURN_REFUND: ["要求退货退款", "要求全额退款", "要求退货并退还定金"],
    Remedy.COMPENSATION: ["要求赔偿损失", "要求给予经济补偿", "要求按合同赔偿违约金"],
    Remedy.APOLOGY: ["要求商家道歉并给出说明", "要求书面道歉", "希望商家给个说法"],
}

# Typical remedies asked for each kind of complaint (first is the most common).
CATEGORY_REMEDIES: dict[Category, list[Remedy]] = {
    Category.PRODUCT_QUALITY: [Remedy.REPLACE, Remedy.REPAIR, Remedy.RETURN_REFUND],
    Category.DELIVERY_DELAY: [Remedy.COMPENSATION, Remedy.APOLOGY, Remedy.RETURN_REFUND],
    Category.DELIVERY_DAMAGE: [Remedy.REPLACE, Remedy.REPAIR, Remedy.COMPENSATION],
    Category.INSTALLATION: [Remedy.REPAIR, Remedy.COMPENSATION, Remedy.APOLOGY],
    Category.MISSING_PARTS: [Remedy.REPLACE, Remedy.REPAIR, Remedy.APOLOGY],
    Category.SERVICE_ATTITUDE: [Remedy.APOLOGY, Remedy.COMPENSATION],
    Category.PRICE_DISPUTE: [Remedy.COMPENSATION, Remedy.RETURN_REFUND, Remedy.APOLOGY],
    Category.CONTRACT_DISPUTE: [Remedy.RETURN_REFUND, Remedy.COMPENSATION, Remedy.REPLACE],
    Category.OTHER: [Remedy.APOLOGY, Remedy.COMPENSATION],
}

# Some customers write a line in English (expats, imported brands), so English search has hits.
ENGLISH_NOTES = [
    "Customer says the sofa arrived with a scratch.",
    "Delivery was late again, customer wants a refund.",
    "Wrong color delivered, please replace.",
    "Installation team did not show up.",
    "Leaking faucet after installation.",
    "Customer asks for an invoice and a refund.",
]

MAJOR_PHRASES: dict[MajorReason, str] = {
    MajorReason.SAFETY_HAZARD: "存在安全隐患，险些伤到孩子",
    MajorReason.MEDIA_EXPOSURE: "顾客表示已联系电视台和网络媒体",
    MajorReason.AMOUNT_OVER_THRESHOLD: "涉及金额超过五万元",
    MajorReason.GROUP_COMPLAINT: "同小区多户业主联名投诉",
}

RESOLUTIONS: dict[Remedy, list[str]] = {
    Remedy.REPAIR: ["经现场核实属产品质量问题，商家安排免费上门维修", "商家同意维修并延长保修一年"],
    Remedy.REPLACE: ["经核实属实，商家同意换货", "商家同意更换同款新品并承担运费"],
    Remedy.RETURN_REFUND: ["协商一致办理退货，货款原路退回", "商家同意退货退款，扣除已使用部分"],
    Remedy.COMPENSATION: ["商家同意给予经济补偿", "按合同约定支付违约金"],
    Remedy.APOLOGY: ["商家已当面道歉并作出说明", "对相关店员进行批评教育，已向顾客致歉"],
}

CONTACT_NOTES = ["已电话联系顾客，约定上门时间", "已联系商家，商家承诺两日内答复", "顾客来电询问进度，已告知处理情况",
                 "已短信通知顾客处理方案"]
WITHDRAW_REASONS = ["顾客与商家自行协商解决", "顾客表示不再追究", "顾客已找到原因，非产品问题"]
