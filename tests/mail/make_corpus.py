#!/usr/bin/env python3
"""Writes the mail corpus tests/mail_intake.rs reads: one .eml per charset, structure and loop case the intake
must handle. The files are committed; run this only to change them (python3 tests/mail/make_corpus.py)."""
import base64, os, quopri

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")
os.makedirs(OUT, exist_ok=True)


def hdr(text, charset):
    """An RFC 2047 encoded word labelled with the charset's usual name (Python's Header writes its own aliases)."""
    return f"=?{charset.upper()}?B?{base64.b64encode(text.encode(charset)).decode()}?="


def write(name, head, body_bytes):
    data = head.replace("\n", "\r\n").encode("ascii") + b"\r\n" + body_bytes
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def simple(name, charset, cte, subject, body, msgid, frm, date, extra=""):
    enc = body.encode(charset)
    if cte == "base64":
        payload = base64.encodebytes(enc)
    elif cte == "quoted-printable":
        payload = quopri.encodestring(enc)
    elif cte == "7bit":
        payload = enc
    else:
        raise ValueError(cte)
    head = (
        f"From: {frm}\nTo: service@desk.example\nSubject: {hdr(subject, charset)}\nDate: {date}\n"
        f"Message-ID: <{msgid}>\nMIME-Version: 1.0\n{extra}"
        f"Content-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: {cte}\n"
    )
    write(name, head, payload)


# One per charset the practice meets. Dates ascend in file order so the import order is the story's order.
simple("01-utf8.eml", "utf-8", "quoted-printable", "空调不制冷 - 订单 DD202611290001",
       "你好，我家的空调不制冷了，型号 KFR-35GW。\n谢谢！", "c1@mail.example.cn",
       "=?UTF-8?B?" + base64.b64encode("张一天".encode()).decode() + "?= <zhang.yitian@example.cn>",
       "Tue, 01 Dec 2026 09:00:00 +0800")
simple("02-gb2312.eml", "gb2312", "base64", "洗衣机漏水", "洗衣机漏水，请派人上门维修。", "c2@mail.example.cn",
       "=?GB2312?B?" + base64.b64encode("王芳".encode("gb2312")).decode() + "?= <wang.fang@example.cn>",
       "Tue, 01 Dec 2026 09:05:00 +0800")
simple("03-gbk.eml", "gbk", "base64", "陈喆的发票", "请开具发票，抬头：陈喆。", "c3@mail.example.cn",
       "chen.zhe@example.cn", "Tue, 01 Dec 2026 09:10:00 +0800")
simple("04-gb18030.eml", "gb18030", "base64", "冰箱噪音", "冰箱噪音很大，生僻字测试：䶮。", "c4@mail.example.cn",
       "liu.yan@example.cn", "Tue, 01 Dec 2026 09:15:00 +0800")
simple("05-big5.eml", "big5", "quoted-printable", "您好，洗衣機漏水", "您好，我的洗衣機漏水，請盡快處理。", "c5@mail.example.tw",
       "lin.meiling@example.tw", "Tue, 01 Dec 2026 09:20:00 +0800")
simple("06-iso2022jp.eml", "iso-2022-jp", "7bit", "お問い合わせ", "製品の保証について教えてください。", "c6@mail.example.jp",
       "tanaka@example.jp", "Tue, 01 Dec 2026 09:25:00 +0900")
simple("07-latin1.eml", "iso-8859-1", "quoted-printable", "Grüße aus München", "Grüße, das Gerät ist kaputt. Café!",
       "c7@mail.example.de", "mueller@example.de", "Tue, 01 Dec 2026 02:30:00 +0100")
simple("08-latin2.eml", "iso-8859-2", "quoted-printable", "Zażółć gęślą jaźń", "Pralka nie działa, proszę o pomoc.",
       "c8@mail.example.pl", "kowalski@example.pl", "Tue, 01 Dec 2026 02:35:00 +0100")
simple("09-cp1252.eml", "windows-1252", "quoted-printable", "“Refund” of €120", "I paid €120 – please refund “soon”.",
       "c9@mail.example.com", "smith@example.com", "Tue, 01 Dec 2026 01:40:00 +0000")
simple("10-cp1251.eml", "windows-1251", "base64", "Здравствуйте", "Здравствуйте, не работает пылесос.",
       "c10@mail.example.ru", "ivanov@example.ru", "Tue, 01 Dec 2026 04:45:00 +0300")

# HTML only: rendered to readable text (list items, a link), no tags left.
html = "<html><body><p>您好，</p><ul><li>型号 XQG80</li><li>故障 E3</li></ul><p>详见 <a href='https://example.cn/x'>说明</a></p></body></html>"
write("11-html-only.eml",
      "From: zhou@example.cn\nTo: service@desk.example\nSubject: =?UTF-8?B?" + base64.b64encode("滚筒洗衣机报错 E3".encode()).decode() +
      "?=\nDate: Tue, 01 Dec 2026 10:00:00 +0800\nMessage-ID: <c11@mail.example.cn>\nMIME-Version: 1.0\n"
      "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n",
      base64.encodebytes(html.encode()))

# multipart/alternative: the text part is the body, the HTML twin is not added again.
alt = ("--ALT\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
       "电视没有声音。\r\n--ALT\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>电视没有声音。</p>\r\n--ALT--\r\n")
write("12-alternative.eml",
      "From: wu@example.cn\nTo: service@desk.example\nSubject: TV no sound\nDate: Tue, 01 Dec 2026 10:05:00 +0800\n"
      "Message-ID: <c12@mail.example.cn>\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=ALT\n",
      alt.encode())

# An agent forwards a customer's mail as an attachment: the ticket is the customer's.
inner = ("From: =?UTF-8?B?" + base64.b64encode("赵磊".encode()).decode() + "?= <zhao.lei@example.cn>\r\n"
         "Subject: =?UTF-8?B?" + base64.b64encode("热水器不出热水".encode()).decode() + "?=\r\n"
         "Message-ID: <inner13@mail.example.cn>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
         "热水器不出热水，已经三天了。\r\n")
nested = ("--MIX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n客户电话里也说了，请跟进。\r\n"
          "--MIX\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n" + inner +
          "--MIX--\r\n")
write("13-forwarded-rfc822.eml",
      "From: Li Na <li.na@desk.example>\nTo: service@desk.example\nSubject: Fwd: water heater\n"
      "Date: Tue, 01 Dec 2026 10:10:00 +0800\nMessage-ID: <c13@desk.example>\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=MIX\n", nested.encode())

# Attachments with encoded names: RFC 2231 (filename*=) and RFC 2047 (=?GBK?B?…?=).
pdf = b"%PDF-1.4 fake invoice\n"
png = bytes(range(256))
att = ("--ATT\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n附件是发票和照片。\r\n"
       "--ATT\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=UTF-8''%E5%8F%91%E7%A5%A8.pdf\r\n"
       "Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(pdf).decode().replace("\n", "\r\n") +
       "--ATT\r\nContent-Type: image/png; name=\"=?GBK?B?" + base64.b64encode("照片.png".encode("gbk")).decode() + "?=\"\r\n"
       "Content-Disposition: attachment; filename=\"=?GBK?B?" + base64.b64encode("照片.png".encode("gbk")).decode() + "?=\"\r\n"
       "Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(png).decode().replace("\n", "\r\n") +
       "--ATT--\r\n")
write("14-attachments.eml",
      "From: sun@example.cn\nCc: Boss <Boss.Sun@Example.cn>, li.na@desk.example\nTo: service@desk.example\n"
      "Subject: invoice and photo\nDate: Tue, 01 Dec 2026 10:15:00 +0800\nMessage-ID: <c14@mail.example.cn>\n"
      "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=ATT\n", att.encode())

# An out-of-office answer to the first mail: a note on its ticket, never a reopen or a new ticket.
write("15-autoreply.eml",
      "From: zhang.yitian@example.cn\nTo: service@desk.example\nSubject: Auto: Re: air conditioner\n"
      "Date: Tue, 01 Dec 2026 11:00:00 +0800\nMessage-ID: <c15@mail.example.cn>\nIn-Reply-To: <c1@mail.example.cn>\n"
      "Auto-Submitted: auto-replied\nContent-Type: text/plain; charset=utf-8\n", "我正在休假。".encode())

# A bounce from a mailer daemon answering nothing desk knows: ignored.
dsn = ("--DSN\r\nContent-Type: text/plain\r\n\r\nDelivery to nobody@example.com failed.\r\n"
       "--DSN\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.com\r\n"
       "Final-Recipient: rfc822; nobody@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--DSN--\r\n")
write("16-bounce.eml",
      "From: MAILER-DAEMON@mx.example.com\nTo: service@desk.example\nSubject: Undelivered Mail Returned to Sender\n"
      "Date: Tue, 01 Dec 2026 11:05:00 +0800\nMessage-ID: <c16@mx.example.com>\nMIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=DSN\n", dsn.encode())

# The customer answers the first mail: threads by In-Reply-To / References.
write("17-reply.eml",
      "From: zhang.yitian@example.cn\nTo: service@desk.example\nSubject: Re: =?UTF-8?B?" +
      base64.b64encode("空调不制冷".encode()).decode() + "?=\nDate: Tue, 01 Dec 2026 12:00:00 +0800\n"
      "Message-ID: <c17@mail.example.cn>\nIn-Reply-To: <c1@mail.example.cn>\nReferences: <c1@mail.example.cn>\n"
      "Content-Type: text/plain; charset=utf-8\n",
      "补充：室外机也不转。\n\n> 你好，我家的空调不制冷了\n".encode())

# A list mail: Precedence bulk, ignored.
write("18-bulk.eml",
      "From: news@shop.example.com\nTo: service@desk.example\nSubject: Weekly deals\nPrecedence: bulk\n"
      "Date: Tue, 01 Dec 2026 12:05:00 +0800\nMessage-ID: <c18@shop.example.com>\nContent-Type: text/plain\n",
      b"50% off!\n")

# Not mail at all: kept raw with a warning, never dropped.
with open(os.path.join(OUT, "19-malformed.eml"), "wb") as f:
    f.write(b"\x00\x01garbage without headers \xff\xfe\r\n\r\n")
