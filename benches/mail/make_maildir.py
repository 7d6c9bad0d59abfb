#!/usr/bin/env python3
"""A Maildir of N messages for `desk mail import` timings (BENCHMARKS.md): customers writing in UTF-8, GBK and
Big5, a third of the messages answering an earlier one (In-Reply-To), one in ten with a small attachment, one in
fifty an auto-reply. Deterministic: python3 benches/mail/make_maildir.py OUT [N]."""
import base64, os, random, sys
from email.utils import formatdate

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
rnd = random.Random(42)
for sub in ("cur", "new", "tmp"):
    os.makedirs(os.path.join(out, sub), exist_ok=True)
subjects = ["空调不制冷", "洗衣机漏水", "发票抬头", "冰箱噪音很大", "退货申请", "安装预约", "热水器不出热水", "Refund request"]
bodies = ["您好，{s}，订单号 DD2026{n:08d}，请尽快处理。", "{s}。型号 KFR-35GW，购买于去年。谢谢！", "Hello, {s} for order {n}."]
customers = [f"cust{i}@example.cn" for i in range(2_000)]
sent = []
base = 1_796_000_000
for i in range(n):
    charset = rnd.choice(["utf-8", "utf-8", "gbk", "big5"])
    subject = rnd.choice(subjects)
    if charset == "big5":
        subject = subject.replace("调", "調").replace("机", "機").replace("发", "發").replace("请", "請")
    try:
        subject.encode(charset)
    except UnicodeEncodeError:
        charset = "utf-8"
    body = rnd.choice(bodies).format(s=subject, n=i)
    try:
        payload = body.encode(charset)
    except UnicodeEncodeError:
        charset, payload = "utf-8", body.encode()
    frm = rnd.choice(customers)
    head = [f"From: {frm}", "To: service@desk.example",
            f"Subject: =?{charset.upper()}?B?{base64.b64encode(subject.encode(charset)).decode()}?=",
            f"Date: {formatdate(base + i * 60)}", f"Message-ID: <m{i}@mail.example.cn>", "MIME-Version: 1.0"]
    if sent and rnd.random() < 0.33:
        parent, parent_from = rnd.choice(sent[-500:])
        head[0] = f"From: {parent_from}"
        head.append(f"In-Reply-To: <{parent}>")
        head.append(f"References: <{parent}>")
    if rnd.random() < 0.02:
        head.append("Auto-Submitted: auto-replied")
    if rnd.random() < 0.1:
        att = bytes(rnd.getrandbits(8) for _ in range(2048))
        head.append("Content-Type: multipart/mixed; boundary=B")
        body_bytes = (b"--B\r\nContent-Type: text/plain; charset=" + charset.encode() + b"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                      + base64.encodebytes(payload) + b"--B\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=photo.jpg\r\n"
                      b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(att) + b"--B--\r\n")
    else:
        head.append(f"Content-Type: text/plain; charset={charset}")
        head.append("Content-Transfer-Encoding: base64")
        body_bytes = base64.encodebytes(payload)
    sent.append((f"m{i}@mail.example.cn", head[0][6:]))
    data = ("\r\n".join(head) + "\r\n\r\n").encode() + body_bytes
    with open(os.path.join(out, "new", f"{base + i * 60}.M{i}P1.bench:2,"), "wb") as f:
        f.write(data)
