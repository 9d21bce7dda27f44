"""Ready-made words in each campaign language, for posts and invitations.

These follow the entry's language (what the person wrote in), not the page's language.
"""

from dataclasses import dataclass

from campaign.languages import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Texts:
    subject: str  # e-mail subject for a shared entry
    invite_subject: str  # e-mail subject for an invitation
    invite_short: str  # fits an X post with the link and the hashtag
    invite_long: str  # LinkedIn, Facebook, messengers, e-mail


TEXTS: dict[str, Texts] = {
    "en": Texts(
        subject="I’m a lifelong learner",
        invite_subject="Join me: I’m a lifelong learner",
        invite_short="I joined the lifelong learning campaign of the UNESCO learning cities. "
        "Your turn: why do you keep learning?",
        invite_long="I have just joined the lifelong learning campaign of the UNESCO Global "
        "Network of Learning Cities with a photo and one sentence on why I keep learning. "
        "I’d love to see yours: it takes a minute.",
    ),
    "fr": Texts(
        subject="J’apprends tout au long de la vie",
        invite_subject="Rejoins-moi\u00a0: j’apprends tout au long de la vie",
        invite_short="J’ai rejoint la campagne des villes apprenantes de l’UNESCO. "
        "À toi\u00a0: pourquoi continues-tu d’apprendre\u00a0?",
        invite_long="Je viens de rejoindre la campagne du Réseau mondial UNESCO des villes "
        "apprenantes avec une photo et une phrase sur ce qui me fait apprendre. "
        "J’aimerais lire la tienne\u00a0: cela prend une minute.",
    ),
    "es": Texts(
        subject="Aprendo a lo largo de la vida",
        invite_subject="Únete: aprendo a lo largo de la vida",
        invite_short="Me uní a la campaña de las ciudades del aprendizaje de la UNESCO. "
        "Te toca: ¿por qué sigues aprendiendo?",
        invite_long="Acabo de unirme a la campaña de la Red Mundial de Ciudades del Aprendizaje "
        "de la UNESCO con una foto y una frase sobre por qué sigo aprendiendo. "
        "Me encantaría ver la tuya: lleva un minuto.",
    ),
    "ar": Texts(
        subject="أنا أتعلم مدى الحياة",
        invite_subject="انضم إليّ: أنا أتعلم مدى الحياة",
        invite_short="انضممت إلى حملة مدن التعلم في اليونسكو. دورك الآن: لماذا تواصل التعلم؟",
        invite_long="انضممت للتو إلى حملة الشبكة العالمية لمدن التعلم التابعة لليونسكو بصورة "
        "وجملة واحدة عن سبب مواصلتي التعلم. يسعدني أن أرى مشاركتك: الأمر يستغرق دقيقة.",
    ),
    "zh": Texts(
        subject="我是一名终身学习者",
        invite_subject="和我一起：我是一名终身学习者",
        invite_short="我加入了联合国教科文组织学习型城市的终身学习活动。轮到你了：你为什么一直在学习？",
        invite_long="我刚刚加入了联合国教科文组织全球学习型城市网络的终身学习活动，"
        "上传一张照片，写一句话说明我为什么坚持学习。期待看到你的分享，只需一分钟。",
    ),
}


def texts_for(language: str) -> Texts:
    """The ready-made texts in a language, English for anything unknown."""
    return TEXTS.get(language, TEXTS[DEFAULT_LANGUAGE])
