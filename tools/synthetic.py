"""Synthetic handbooks of any size for benchmarks: realistic Chinese, valid entries, linked terms.

Words come from the real handbook's prose (segmented with jieba), so text has the real mix of
Chinese, Latin, digits and punctuation; titles are new compounds of those words, and every body
mentions other terms, so linking, conversion and the index do real work.
"""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

from handbook.core.model import CATEGORIES
from handbook.core.schema import key_order

_FALLBACK = ("私域 运营 用户 社群 企业 微信 门店 导购 会员 复购 转化 数据 标签 内容 活动 直播 小程序 公众号 品牌 渠道 "
             "流量 触点 服务 分层 裂变 留存 激活 顾客 商品 价值 成本 指标 策略 工具 平台 团队 模式 场景").split()


def vocabulary(repo: Path | None) -> list[str]:
    """Words of two to four Han characters from the real bodies (or a built-in list)."""
    texts = []
    if repo is not None:
        for folder in ("terms", "cases"):
            for path in sorted((repo / folder).glob("*.md")):
                texts.append(path.read_text("utf-8").split("---", 2)[-1])
    if not texts:
        return list(_FALLBACK)
    import jieba

    jieba.setLogLevel(60)
    words = {w for w in jieba.cut("".join(texts)) if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", w)}
    return sorted(words) or list(_FALLBACK)


def sentences(repo: Path | None) -> list[str]:
    """Real sentences of prose to assemble bodies from (house style already applied)."""
    found = []
    if repo is not None:
        for path in sorted((repo / "terms").glob("*.md")):
            body = path.read_text("utf-8").split("---", 2)[-1]
            for line in body.splitlines():
                if line and not line.startswith(("#", "-", "|", ">", "`")) and "[[" not in line and "-{" not in line:
                    found.extend(s + "。" for s in line.split("。") if len(s) > 12)
    return found or ["品牌通过企业微信把门店顾客转入社群，再用会员日和专属优惠提高复购。"]


def make(root: Path, terms: int, repo: Path | None = None, seed: int = 7, cases: int | None = None) -> Path:
    """Write a project with `terms` terms and `cases` cases (default a tenth) into `root`."""
    rng = random.Random(seed)
    words, prose = vocabulary(repo), sentences(repo)
    if root.exists():
        shutil.rmtree(root)
    (root / "terms").mkdir(parents=True)
    (root / "cases").mkdir()
    (root / "docs").mkdir()
    titles: list[str] = []
    seen: set[str] = set()
    while len(titles) < terms:
        title = "".join(rng.sample(words, rng.choice((2, 2, 3))))
        if title not in seen and len(title) <= 12:
            seen.add(title)
            titles.append(title)
    ids = [f"t{n:05d}" for n in range(terms)]
    categories = list(CATEGORIES)
    for n, (ident, title) in enumerate(zip(ids, titles, strict=True)):
        others = rng.sample(range(terms), k=min(4, terms - 1) + 1)
        related = [ids[o] for o in others if o != n][:3]
        mentions = [titles[o] for o in others if o != n]
        data = {
            "id": ident, "title": title, "aliases": [f"{title}法"] if n % 5 == 0 else [],
            "category": categories[n % len(categories)],
            "summary": f"{title}是私域运营中{rng.choice(words)}与{rng.choice(words)}相结合的做法。",
            "related": related if len(related) >= 2 else ids[:2],
            "sources": [{"publisher": "见实", "title": "见实私域流量运营词汇手册", "date": "2020"}],
            "since": "1.0",
        }
        order = key_order("term")
        data = {k: data[k] for k in order if k in data and data[k] != []}
        body = ["## 释义", "", _paragraph(rng, prose, mentions[:2]), "", _paragraph(rng, prose, mentions[2:]), "",
                "## 实践要点", "", *[f"{i}. {_paragraph(rng, prose, [], 1)}" for i in range(1, 4)], ""]
        _write(root / "terms" / f"{ident}.md", data, "\n".join(body))
    for n in range(cases if cases is not None else max(1, terms // 10)):
        ident = f"c{n:05d}"
        picked = rng.sample(ids, k=min(3, terms))
        data = {
            "id": ident, "title": f"{rng.choice(words)}品牌的{rng.choice(words)}实践", "brand": f"{rng.choice(words)}品牌",
            "industry": "零售", "period": "2022 年", "summary": f"该品牌用三个月把{titles[0]}做成了可复制的模型。",
            "terms": picked,
            "metrics": [{"label": "私域用户", "figure": rng.randint(1, 99), "unit": "万人", "period": "2022 年", "source": "见实"}],
            "sources": [{"publisher": "见实", "title": "见实私域流量运营词汇手册", "date": "2020"}], "since": "1.0",
        }
        mention = [titles[ids.index(p)] for p in picked]
        body = ["## 背景", "", _paragraph(rng, prose, mention[:1]), "", "## 做法", "", _paragraph(rng, prose, mention[1:]),
                "", "## 成效", "", _paragraph(rng, prose, [], 2), ""]
        _write(root / "cases" / f"{ident}.md", data, "\n".join(body))
    (root / "docs" / "index.md").write_text(f"# 合成手册\n\n共 {terms} 个术语。{titles[0]}和{titles[-1]}。\n", "utf-8")
    return root


def _paragraph(rng: random.Random, prose: list[str], mentions: list[str], n: int = 3) -> str:
    parts = rng.sample(prose, k=min(n, len(prose)))
    for m in mentions:
        parts.insert(rng.randrange(len(parts) + 1), f"这里要提到{m}。")
    return "".join(parts)


def _write(path: Path, data: dict, body: str) -> None:
    head = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(f"---\n{head}---\n{body}", "utf-8")
