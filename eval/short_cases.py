"""Adversarial cases for stancelib (invented texts). Run: python cases.py [--json out.json]

Each case: id, ph (phenomenon), text,
  q:  list of (snippet, expected) -- the quote whose span text contains `snippet`
      (direct quotes first, then indirect / qa_turn); expected = name | None | tuple of acceptable
      (a tuple may contain None). '*' for "any non-null".
  s:  list of (speaker, topic, stance-or-tuple) expected in r.stances
  ns: list of (speaker, topic) that must NOT get a polar stance
  noclaim: list of snippets -- no claim's evidence may overlap them (questions)
  bad: list of snippets -- no indirect quote may have content starting with one (non-speech read as speech)
"""
import json
import sys

C = []


def case(id, ph, text, q=(), s=(), ns=(), noclaim=(), bad=()):
    C.append(dict(id=id, ph=ph, text=text, q=list(q), s=list(s), ns=list(ns), noclaim=list(noclaim),
                  bad=list(bad)))


M, H, L = "孟凡宇", "韩雪", "孟琳"

# ---- quote before / after the speaker, split quotes, org+title, title after name
case("pos01", "speaker_after", "“大模型的竞争才刚刚开始。”星河智能CEO孟凡宇说。", q=[("竞争才刚刚", M)])
case("pos02", "speaker_after", "“开源终将超越闭源，这是大势所趋。”澜舟数据创始人韩雪在发布会上表示。",
     q=[("开源终将", H)], s=[(H, "open_vs_closed", "open")])
case("pos03", "split_quote", "“我们不会再盲目堆算力了。”孟凡宇说，“单纯扩大参数规模，边际收益正在递减。”",
     q=[("盲目堆算力", M), ("边际收益", M)], s=[(M, "scaling_law", "skeptic")])
case("pos04", "speaker_before", "星河智能CEO孟凡宇表示：“未来三年，我们会把主要精力放在企业客户上。”",
     q=[("企业客户", M)], s=[(M, "tob_vs_toc", "to_b")])
case("pos05", "title_after_name", "孟凡宇，星河智能联合创始人兼CTO，在会上说：“端侧模型会是下一个爆发点。”",
     q=[("端侧模型", M)], s=[(M, "device_vs_cloud", "device")])
case("pos06", "title_after_name", "韩雪（澜舟数据首席科学家）指出：“Scaling Law远没有撞墙。”",
     q=[("Scaling", H)], s=[(H, "scaling_law", "believer")])
case("pos07", "split_quote", "“手机上跑大模型，”韩雪说，“是今年最确定的趋势。”",
     q=[("手机上跑", H), ("最确定", H)], s=[(H, "device_vs_cloud", "device")])
case("pos08", "kb_prefix_name", "“大模型的竞争才刚刚开始。”星河智能CEO周明远说。", q=[("竞争", "周明远")])
case("pos09", "kb_prefix_name", "澜舟数据CTO赵明轩表示：“我们会坚持开源路线。”",
     q=[("开源路线", "赵明轩")], s=[("赵明轩", "open_vs_closed", "open")])
case("pos11", "kb_prefix_name", "“我们不会做C端。”星河智能总裁陈睿哲说。", q=[("不会做C端", "陈睿哲")],
     s=[("陈睿哲", "tob_vs_toc", "to_b")])
case("pos10", "speaker_after", "“To C的窗口期已经过去了。”澜舟数据副总裁林晓峰在接受采访时说。",
     q=[("窗口期", "林晓峰")])

# ---- English names
case("en01", "english_name", "OpenAI CEO Sam Altman在社交媒体上写道：“我们还远没有看到规模定律的尽头。”",
     q=[("规模定律", "Sam Altman")], s=[("Sam Altman", "scaling_law", "believer")])
case("en02", "english_name", "星河智能首席技术官 David Chen 表示：“开放权重是大势所趋。”",
     q=[("开放权重", "David Chen")], s=[("David Chen", "open_vs_closed", "open")])
case("en03", "english_name", "“Open source will win.”澜舟数据投资人 Laura Stein 在播客中说。",
     q=[("Open source", "Laura Stein")])

# ---- nicknames / short forms
case("nick01", "nickname", "星河智能创始人孟凡宇今天发布了新模型。“我们只做C端。”孟总说。",
     q=[("只做C端", M)], s=[(M, "tob_vs_toc", "to_c")])
case("nick02", "nickname", "澜舟数据CEO韩雪出席了论坛。韩总在台上笑称：“我们是一家纯粹的To B公司。”",
     q=[("To B公司", H)], s=[(H, "tob_vs_toc", "to_b")])
case("nick03", "nickname", "英伟达CEO黄仁勋在台上侃侃而谈。老黄笑称：“买得越多，省得越多。”", q=[("买得越多", "黄仁勋")])
case("nick04", "nickname", "星河智能CEO孟凡宇与记者聊了两个小时。老孟说：“开源是我们最重要的决定。”",
     q=[("开源是我们", M)], s=[(M, "open_vs_closed", "open")])

# ---- reported speech without quote marks
case("rep01", "reported_speech", "孟凡宇认为，闭源模型在安全性上更可控。", q=[("闭源模型", M)],
     s=[(M, "open_vs_closed", "closed")])
case("rep02", "reported_speech", "在韩雪看来，端侧AI才是真正的机会，云端只是过渡。", q=[("端侧AI", H)],
     s=[(H, "device_vs_cloud", "device")])
case("rep03", "reported_speech", "据孟凡宇介绍，星河智能目前的客户主要是银行和制造业企业。", q=[("银行", M)])
case("rep04", "reported_speech", "韩雪直言，单纯靠堆算力已经走不通了。", q=[("堆算力", H)],
     s=[(H, "scaling_law", "skeptic")])
case("rep05", "reported_speech", "孟凡宇坦言，公司短期内不会开源核心模型。", q=[("核心模型", M)],
     s=[(M, "open_vs_closed", "closed")])
case("rep06", "reported_speech", "韩雪透露，澜舟数据下一代模型将完全开放权重。", q=[("开放权重", H)],
     s=[(H, "open_vs_closed", "open")])
case("rep07", "reported_speech", "孟凡宇强调，大力出奇迹的路线依然有效。", q=[("大力出奇迹", M)],
     s=[(M, "scaling_law", "believer")])
case("rep08", "reported_speech", "韩雪在接受《晚点LatePost》采访时说，C端应用的机会远大于B端。", q=[("C端应用", H)],
     s=[(H, "tob_vs_toc", "to_c")])
case("rep09", "reported_speech", "孟凡宇在朋友圈写道，规模定律已经撞墙了。", q=[("撞墙", M)],
     s=[(M, "scaling_law", "skeptic")])
case("rep10", "reported_speech", "韩雪在微博上发文称，开源模型没有未来。", q=[("没有未来", H)],
     s=[(H, "open_vs_closed", "closed")])
case("rep11", "reported_speech", "孟凡宇发帖称：“端云协同才是最优解。”", q=[("端云协同", M)],
     s=[(M, "device_vs_cloud", "mixed")])
case("rep12", "reported_speech", "星河智能CEO孟凡宇指出，未来大部分推理都会在手机上跑，而不是在云端。",
     q=[("手机上跑", M)], s=[(M, "device_vs_cloud", "device")])

# ---- pronoun continuation
case("pro01", "pronoun", "星河智能CEO孟凡宇昨天出席了论坛。他表示，公司会坚定押注开源。", q=[("押注开源", M)],
     s=[(M, "open_vs_closed", "open")])
case("pro02", "pronoun", "澜舟数据创始人韩雪在发布会上介绍了新产品。\n\n她说：“我们的模型可以完全在手机上跑。”",
     q=[("手机上跑", H)], s=[(H, "device_vs_cloud", "device")])
case("pro03", "pronoun_two_people", "孟凡宇和韩雪同台对话。孟凡宇认为规模定律仍然有效。她则表示，堆算力的边际收益已经很低了。",
     q=[("边际收益", (H, None))], s=[(M, "scaling_law", "believer")])
case("pro04", "pronoun_two_people", "韩雪向记者介绍了孟凡宇的创业经历。他说：“我从来不相信大力出奇迹。”",
     q=[("大力出奇迹", (M, None))], ns=[(H, "scaling_law")])
case("pro05", "pronoun", "澜舟数据CEO韩雪今年很少露面。\n\n在上周的闭门会上，她坦言：“C端太烧钱了，我们还是专注企业客户。”",
     q=[("C端太烧钱", H)], s=[(H, "tob_vs_toc", "to_b")])

# ---- floating / continuation quotes
case("flo01", "continuation", "孟凡宇说：“开源是我们的核心战略。”\n\n“我们会把所有模型的权重都公开。”\n\n“这件事没有回头路。”",
     q=[("核心战略", M), ("权重都公开", M), ("没有回头路", M)], s=[(M, "open_vs_closed", "open")])
case("flo02", "continuation_two", "韩雪说：“我们看好端侧。”孟凡宇则回应：“云端仍然不可替代。”“端侧的算力太有限了。”",
     q=[("看好端侧", H), ("云端仍然", M), ("算力太有限", M)],
     s=[(H, "device_vs_cloud", "device"), (M, "device_vs_cloud", "cloud")])
case("flo03", "floating_between", "孟凡宇讲完后，韩雪接过了话筒。\n\n“端侧的时代已经到来。”",
     q=[("端侧的时代", (H, None))], ns=[(M, "device_vs_cloud")])

# ---- Q&A transcripts
case("qa01", "qa_outlet_label", "极客公园：你们会开源吗？\n孟凡宇：会，我们的模型会全部开源。\n极客公园：为什么？\n孟凡宇：因为开源生态会反哺我们。",
     q=[("全部开源", M), ("反哺", M)], s=[(M, "open_vs_closed", "open")], noclaim=["你们会开源吗"])
case("qa02", "qa_wenda", "以下是记者与澜舟数据CEO韩雪的对话。\n问：你怎么看Scaling Law撞墙的说法？\n答：我不认为它撞墙了，堆算力依然有效。",
     q=[("堆算力依然", H)], s=[(H, "scaling_law", "believer")], noclaim=["撞墙的说法"])
case("qa03", "qa_QA", "星河智能CEO孟凡宇接受了本刊专访。\nQ：星河智能会做C端产品吗？\nA：不会，我们只服务企业客户。",
     q=[("只服务企业", M)], s=[(M, "tob_vs_toc", "to_b")], noclaim=["会做C端产品吗"])
case("qa04", "qa_quote_in_question", "记者：有人说“开源是智商税”，你怎么看？\n韩雪：我完全不同意，开源是行业进步的基础。\n记者：那闭源呢？\n韩雪：闭源也有它的位置，但不是我们的方向。",
     q=[("智商税", None), ("行业进步", H)], s=[(H, "open_vs_closed", "open")], noclaim=["你怎么看"])
case("qa05", "qa_nickname_label", "本期嘉宾是星河智能创始人孟凡宇。\n主持人：端侧和云端，你更看好哪个？\n凡宇：端侧。手机上跑模型是大势所趋。\n主持人：云端呢？\n凡宇：云端会越来越像水电煤，但不是我们的重点。",
     q=[("大势所趋", M)], s=[(M, "device_vs_cloud", "device")], noclaim=["你更看好哪个"])
case("qa06", "qa_name_label", "孟凡宇：我们坚定看好规模定律。\n韩雪：我不这么看，堆算力的边际收益已经在递减。\n孟凡宇：那只是暂时的。",
     q=[("坚定看好", M), ("边际收益", H)], s=[(M, "scaling_law", "believer"), (H, "scaling_law", "skeptic")])
case("qa07", "qa_quote_in_question", "星河智能CEO孟凡宇接受了记者专访。\n记者：孟总之前说过“闭源才是护城河”，现在还这么看吗？\n孟凡宇：现在我更看好开源。",
     q=[("护城河", (M, None)), ("更看好开源", M)], s=[(M, "open_vs_closed", "open")], noclaim=["还这么看吗"])
case("qa08", "qa_question_claim", "36氪：很多人觉得端侧模型只是噱头，端侧真的有未来吗？\n韩雪：有。",
     noclaim=["只是噱头"], q=[("有。", H)])

# ---- digest sections headed by a name line
case("dig01", "digest_section", "孟凡宇：\n开源模型会在两年内追上闭源模型。\n我们会继续开放权重。\n\n韩雪：\n我们还是更相信闭源，商业化路径更清晰。",
     q=[("继续开放权重", M), ("更相信闭源", H)], s=[(M, "open_vs_closed", "open"), (H, "open_vs_closed", "closed")])
case("dig02", "digest_section", "圆桌嘉宾观点摘要\n\n星河智能CEO孟凡宇：\n\n“端侧AI的拐点已经到来。”\n\n澜舟数据CTO韩雪：\n\n“云端大模型仍然是主流。”",
     q=[("拐点", M), ("仍然是主流", H)], s=[(M, "device_vs_cloud", "device"), (H, "device_vs_cloud", "cloud")])

# ---- traps
case("trap01", "term_quote", "所谓“百模大战”，其实已经接近尾声，孟凡宇说。", q=[("百模大战", None)])
case("trap02", "product_title", "星河智能今天发布了“天枢”大模型，孟凡宇称其推理速度提升了三倍。", q=[("天枢", None)])
case("trap03", "rebutted_saying", "有人说“开源没有未来”，但孟凡宇不这么看。他认为开源终将胜出。",
     q=[("开源没有未来", None)], s=[(M, "open_vs_closed", "open")])
case("trap04", "scare_quote", "这些所谓的“AI原生应用”，在韩雪眼里不过是套壳产品。", q=[("AI原生", None)])
case("trap05", "addressee", "孟凡宇对韩雪说：“你们的端侧方案太激进了。”", q=[("太激进", M)])
case("trap06", "addressee", "孟凡宇向记者表示：“我们不会做C端。”", q=[("不会做C端", M)], s=[(M, "tob_vs_toc", "to_b")])
case("trap07", "addressee", "韩雪问孟凡宇：“你们真的要开源吗？”", q=[("真的要开源", H)],
     ns=[(H, "open_vs_closed"), (M, "open_vs_closed")])
case("trap08", "same_surname", "孟凡宇说：“我们看好开源。”孟琳则表示：“闭源更安全。”",
     q=[("看好开源", M), ("闭源更安全", L)], s=[(M, "open_vs_closed", "open"), (L, "open_vs_closed", "closed")])
case("trap09", "name_inside_quote", "“孟凡宇说过开源没有未来，我不同意。”韩雪说。", q=[("我不同意", H)],
     ns=[(M, "open_vs_closed")])
case("trap10", "rebutted_saying", "韩雪并不认同“规模定律已死”的说法。", q=[("规模定律已死", None)],
     s=[(H, "scaling_law", "believer")])
case("trap11", "term_quote", "孟凡宇认为，所谓的“端云协同”只是一个营销概念。", q=[("端云协同", None)])
case("trap12", "addressee", "面对记者的追问，孟凡宇回应：“我们暂时不会开源。”", q=[("暂时不会开源", M)],
     s=[(M, "open_vs_closed", "closed")])
case("trap13", "same_surname", "星河智能CEO孟凡宇和澜舟数据CTO孟琳同台。“端侧才是未来。”孟琳说。",
     q=[("端侧才是未来", L)], s=[(L, "device_vs_cloud", "device")], ns=[(M, "device_vs_cloud")])
case("trap14", "addressee", "韩雪在台下向孟凡宇提问：“规模定律还能走多远？”孟凡宇答道：“至少还能走五年。”",
     q=[("还能走多远", H), ("至少还能走", M)])

# ---- informal speech verbs
case("inf01", "informal_verb", "孟凡宇吐槽：“现在的C端应用根本赚不到钱。”", q=[("赚不到钱", M)])
case("inf02", "informal_verb", "韩雪调侃道：“堆算力就能出奇迹？那大家都去买卡好了。”", q=[("买卡", H)])
case("inf03", "informal_verb", "孟凡宇回怼韩雪：“闭源才是对用户负责。”", q=[("对用户负责", M)], s=[(M, "open_vs_closed", "closed")])
case("inf04", "informal_verb", "韩雪喊话孟凡宇：“敢不敢把模型开源？”", q=[("敢不敢", H)])
case("inf05", "informal_verb", "孟凡宇放话：“三年内，我们的端侧模型要装进十亿台手机。”", q=[("十亿台", M)],
     s=[(M, "device_vs_cloud", "device")])
case("inf06", "informal_verb", "韩雪感慨：“开源社区的力量太强大了。”", q=[("社区的力量", H)])
case("inf07", "informal_verb", "孟凡宇直呼：“规模定律撞墙了！”", q=[("撞墙了", M)], s=[(M, "scaling_law", "skeptic")])
case("inf08", "informal_verb", "韩雪笑称：“我们是被企业客户养活的。”", q=[("养活", H)])
case("inf09", "informal_verb", "孟凡宇自嘲：“我们就是一家卖算力的公司。”", q=[("卖算力", M)])
case("inf10", "informal_verb", "韩雪发文：“开放权重不等于开源。”", q=[("不等于开源", H)])
case("inf11", "informal_verb", "孟凡宇转发并评论：“说得对，端侧才是终局。”", q=[("终局", M)], s=[(M, "device_vs_cloud", "device")])
case("inf12", "informal_verb", "“当然，云端也不可或缺。”韩雪补充道。", q=[("不可或缺", H)])
case("inf13", "informal_verb", "孟凡宇反问：“没有开源，哪来今天的大模型生态？”", q=[("哪来今天", M)],
     s=[(M, "open_vs_closed", "open")])
case("inf14", "informal_verb", "看到对手的融资消息，韩雪酸了一句：“有钱就是任性。”", q=[("任性", H)])
case("inf15", "informal_verb", "孟凡宇点评道：“这款产品的C端体验很一般。”", q=[("体验很一般", M)])
case("inf16", "informal_verb", "对于外界的质疑，韩雪回应称：“我们不会放弃开源路线。”", q=[("放弃开源", H)],
     s=[(H, "open_vs_closed", "open")])
case("inf17", "informal_verb", "孟凡宇怼了回去：“谁说端侧跑不动大模型？”", q=[("跑不动", M)])

# ---- stance phrasing
case("st01", "stance_negation", "孟凡宇表示，他不看好开源，闭源才是商业上可持续的路径。", s=[(M, "open_vs_closed", "closed")])
case("st02", "stance_contrast", "韩雪说，虽然开源很热闹，但澜舟数据还是会坚持闭源。", s=[(H, "open_vs_closed", "closed")])
case("st03", "stance_hedge", "孟凡宇认为，大模型的未来可能还是在端侧，不过现在下结论还太早。",
     s=[(M, "device_vs_cloud", ("device", "neutral"))], ns=[])
case("st04", "stance_reported_view", "韩雪说：“很多人认为规模定律已经撞墙，但我认为它还远没有到头。”",
     q=[("远没有到头", H)], s=[(H, "scaling_law", "believer")])
case("st05", "stance_both_sides", "孟凡宇表示，端云协同是最现实的路线。", s=[(M, "device_vs_cloud", "mixed")])
case("st06", "stance_both_sides", "韩雪认为，To B和To C并不冲突，澜舟数据两条线都会做。", s=[(H, "tob_vs_toc", "mixed")])
case("st07", "stance_negation", "孟凡宇坦言，大力出奇迹的时代已经过去了。", s=[(M, "scaling_law", "skeptic")])
case("st08", "stance_preference", "韩雪表示，与其去卷C端，不如踏踏实实服务好企业客户。", s=[(H, "tob_vs_toc", "to_b")])
case("st09", "stance_plain", "孟凡宇说，消费者应用才是大模型真正的主战场。", s=[(M, "tob_vs_toc", "to_c")])
case("st10", "stance_comparison", "韩雪认为，开源模型终将超越闭源模型。", s=[(H, "open_vs_closed", "open")])
case("st11", "stance_negation", "孟凡宇说，他从来不相信所谓的规模定律，模型不是越大越好。", s=[(M, "scaling_law", "skeptic")])
case("st12", "stance_reported_view", "有人认为闭源更安全，但韩雪觉得开源才能让模型更可靠。", s=[(H, "open_vs_closed", "open")])
case("st13", "stance_negation", "孟凡宇表示，星河智能不会在手机上跑大模型，所有推理都放在云端。", s=[(M, "device_vs_cloud", "cloud")])
case("st14", "stance_plain", "韩雪说，继续堆算力、扩大模型规模，效果还会持续提升。", s=[(H, "scaling_law", "believer")])

# ---- knowledge base figures
case("kb01", "kb_figure", "零一万物CEO李开复表示：“To B是中国大模型公司必须走的路。”", q=[("必须走的路", "李开复")],
     s=[("李开复", "tob_vs_toc", "to_b")])
case("kb02", "kb_figure", "“我们坚信开源。”王小川说。", q=[("坚信开源", "王小川")], s=[("王小川", "open_vs_closed", "open")])
case("kb03", "traditional", "黃仁勳說：「未來每一台手機都會在端側運行AI。」", q=[("端側", "黄仁勋")],
     s=[("黄仁勋", "device_vs_cloud", "device")])
case("kb04", "cjk_radical", "英伟达CEO⻩仁勋在GTC上表示，规模定律依然有效。", q=[("规模定律", "黄仁勋")],
     s=[("黄仁勋", "scaling_law", "believer")])
case("kb05", "kb_figure", "月之暗面创始人杨植麟认为，Scaling Law仍然是通往AGI的路径。他还说：“我们会专注C端。”",
     q=[("专注C端", "杨植麟")], s=[("杨植麟", "scaling_law", "believer"), ("杨植麟", "tob_vs_toc", "to_c")])
case("kb06", "kb_short_name", "OpenAI的奥特曼在访谈中说：“算力越多，模型越聪明。”", q=[("算力越多", "Sam Altman")],
     s=[("Sam Altman", "scaling_law", "believer")])

# ---- messy input
case("mess01", "html_residue", "<p>星河智能CEO孟凡宇表示：&nbsp;“我们会坚持开源。”</p><p>韩雪则说：“闭源更安全。”</p>",
     q=[("坚持开源", M), ("闭源更安全", H)], s=[(M, "open_vs_closed", "open"), (H, "open_vs_closed", "closed")])
case("mess02", "cr_only", "澜舟数据CEO韩雪接受了专访。\r记者：你们做端侧吗？\r韩雪：做，端侧是我们的重点。\r记者：云端呢？\r韩雪：云端只是补充。",
     q=[("端侧是我们的重点", H)], s=[(H, "device_vs_cloud", "device")], noclaim=["你们做端侧吗"])
case("mess03", "pinyin_ruby", "孟凡宇說：“這個(gè)模型會開源。”", q=[("模型會開源", M)], s=[(M, "open_vs_closed", "open")])
case("mess04", "halfwidth_punct", "韩雪表示:“端侧是未来,云端只是补充.”", q=[("端侧是未来", H)],
     s=[(H, "device_vs_cloud", ("device", "mixed"))])
case("mess05", "traditional", "韓雪認為，開源終將超越閉源。", q=[("開源終將", H)], s=[(H, "open_vs_closed", "open")])
case("mess06", "html_residue", "星河智能CEO孟凡宇<br/>在会上说：&ldquo;端侧才是未来。&rdquo;", q=[], s=[(M, "device_vs_cloud", "device")])
case("mess07", "fullwidth_space", "孟凡宇　表示：“规模定律依然有效。”", q=[("依然有效", M)], s=[(M, "scaling_law", "believer")])

# ---- added after first probing run (isolating general causes)
case("pro06", "pronoun_bare_antecedent", "孟凡宇出席了今天的论坛。他表示，开源终将胜出。", q=[("终将胜出", M)],
     s=[(M, "open_vs_closed", "open")])
case("pro07", "pronoun_bare_antecedent", "韩雪是澜舟数据的创始人。她认为，端侧才是大模型的未来。", q=[("端侧才是", H)],
     s=[(H, "device_vs_cloud", "device")])
case("rep13", "nested_cue_in_clause", "孟凡宇说，我们从来不相信规模定律。", q=[("规模定律", M)],
     s=[(M, "scaling_law", "skeptic")])
case("rep14", "reported_speech", "韩雪接受采访时表示，C端才是大模型的未来。", q=[("C端才是", H)],
     s=[(H, "tob_vs_toc", "to_c")])
case("rep15", "reported_speech", "孟凡宇在接受《财经》采访时表示，星河智能会全面开源。", q=[("全面开源", M)],
     s=[(M, "open_vs_closed", "open")])
case("hl01", "headline", "孟凡宇：开源终将超越闭源\n\n星河智能CEO孟凡宇昨日在发布会上表示，公司将开源全部模型。",
     q=[("开源全部模型", M)], s=[(M, "open_vs_closed", "open")])
case("inf18", "informal_verb", "孟凡宇放话称：“我们要把大模型塞进每一部手机。”", q=[("每一部手机", M)])
case("data01", "org_suffix_ju", "星河数据创始人孟凡宇在会上介绍了三款新产品。", bad=["了"])
case("data02", "org_suffix_ju", "澜舟数据CEO韩雪介绍了公司的新模型。随后她说：“我们不做C端。”", bad=["了"],
     q=[("不做C端", H)], s=[(H, "tob_vs_toc", "to_b")])
case("data03", "intro_le_object", "孟凡宇在会上介绍了三款新产品的功能。", bad=["了"])
case("trap15", "addressee", "记者问韩雪：“澜舟数据会开源吗？”韩雪说：“会。”", q=[("会开源吗", "ANON"), ("会。", H)],
     noclaim=["会开源吗"])


# ---------------------------------------------------------------- runner
def _ok(exp, got):
    if exp == "ANON":  # speech by an unnamed person: speaker must be null
        return got is None
    if exp == "*":
        return got is not None
    if isinstance(exp, tuple):
        return got in exp
    return got == exp


def check(c, nlp, stancelib):
    fails = []
    text = c["text"]
    try:
        r = stancelib.extract(text, nlp=nlp)
    except Exception as e:  # noqa
        return [dict(type="exception", msg=repr(e))], None
    for q in r.quotes:
        if text[q.span.start:q.span.end] != q.span.text:
            fails.append(dict(type="invalid_span", msg=f"quote {q.id} {q.span}"))
    for cl in r.claims:
        if text[cl.evidence.start:cl.evidence.end] != cl.evidence.text:
            fails.append(dict(type="invalid_span", msg=f"claim {cl.id} {cl.evidence}"))
    order = sorted(r.quotes, key=lambda q: (q.kind != "direct", q.kind != "qa_turn"))
    for snip, exp in c["q"]:
        hits = [q for q in order if snip in q.span.text or snip in (q.content or "")]
        if not hits:
            fails.append(dict(type="quote_missing", snip=snip, exp=exp))
            continue
        q = hits[0]
        got = q.speaker.name if q.speaker else None
        if not _ok(exp, got):
            t = ("nonspeech_attributed" if exp is None else "miss" if got is None else "wrong_speaker")
            fails.append(dict(type=t, snip=snip, exp=exp, got=got, kind=q.kind, method=q.method,
                              cue=q.cue, conf=q.confidence, surface=q.speaker.surface if q.speaker else None))
    st = {(s.speaker.name, s.topic): s for s in r.stances}
    for spk, topic, lab in c["s"]:
        s = st.get((spk, topic))
        got = s.stance if s else None
        labs = lab if isinstance(lab, tuple) else (lab,)
        if got not in labs and not (got is None and "neutral" in labs):
            fails.append(dict(type="stance_missing" if got in (None, "neutral") else "stance_wrong",
                              exp=f"{spk}/{topic}/{lab}", got=got,
                              ev=(s.evidence.text if s else None)))
    for spk, topic in c["ns"]:
        s = st.get((spk, topic))
        if s and s.stance != "neutral":
            fails.append(dict(type="stance_spurious", exp=f"{spk}/{topic}: none", got=s.stance, ev=s.evidence.text))
    for snip in c["noclaim"]:
        a = text.find(snip)
        b = a + len(snip)
        for cl in r.claims:
            if cl.evidence.start < b and cl.evidence.end > a and cl.stance != "neutral":
                fails.append(dict(type="question_claim", snip=snip, got=f"{cl.speaker.name}/{cl.topic}/{cl.stance}",
                                  ev=cl.evidence.text))
    for snip in c.get("bad", []):
        for q in r.quotes:
            if q.kind == "indirect" and (q.content or "").startswith(snip):
                fails.append(dict(type="spurious_indirect", snip=snip, got=q.speaker.name if q.speaker else None,
                                  cue=q.cue, content=q.content))
    return fails, r


def dump(r):
    out = {"quotes": [], "claims": []}
    for q in r.quotes:
        out["quotes"].append(dict(kind=q.kind, text=q.span.text, speaker=q.speaker.name if q.speaker else None,
                                  surface=q.speaker.surface if q.speaker else None, method=q.method,
                                  cue=q.cue, conf=round(q.confidence, 3), is_q=q.is_question))
    for cl in r.claims:
        out["claims"].append(dict(speaker=cl.speaker.name, topic=cl.topic, stance=cl.stance,
                                  conf=round(cl.confidence, 3), ev=cl.evidence.text, cues=list(cl.cues)))
    out["stances"] = [f"{s.speaker.name}/{s.topic}/{s.stance}" for s in r.stances]
    return out


def main():
    import stancelib
    nlps = {"on": stancelib.load(), "off": stancelib.load(kb=None)}
    results = []
    for c in C:
        row = dict(id=c["id"], ph=c["ph"], text=c["text"])
        for k, nlp in nlps.items():
            fails, r = check(c, nlp, stancelib)
            row[k] = dict(fails=fails, out=dump(r) if r else None)
        results.append(row)
        status = " ".join(f"{k}:{'PASS' if not row[k]['fails'] else 'FAIL'}" for k in nlps)
        print(f"{c['id']:8s} {c['ph']:22s} {status}")
        for k in nlps:
            for f in row[k]["fails"]:
                print(f"    [{k}] {f}")
    n = len(C)
    for k in nlps:
        print(f"KB {k}: {sum(1 for r in results if not r[k]['fails'])}/{n} pass")
    if "--json" in sys.argv:
        json.dump(results, open(sys.argv[sys.argv.index("--json") + 1], "w"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
