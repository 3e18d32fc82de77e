import { simpleParser, type ParsedMail, type SimpleParserOptions } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { classifyMail, type MailClass } from './classify-mail.js';

/** Raw RFC 5322 text with CRLF line ends, as it comes off the wire. */
const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');
const parse = (raw: string, options: SimpleParserOptions = {}): Promise<ParsedMail> => simpleParser(raw, options);
const classify = async (raw: string, options: SimpleParserOptions = {}): Promise<MailClass> => classifyMail(await parse(raw, options));

// ------------------------------------------------------------------ bounces

/** Postfix: multipart/report with text/plain, message/delivery-status, text/rfc822-headers. */
const POSTFIX_DSN = crlf(`Return-Path: <>
Received: by mail.shop.example (Postfix)
\tid 4F1A21C0A3B; Fri,  4 Dec 2026 10:00:05 +0100 (CET)
Date: Fri,  4 Dec 2026 10:00:05 +0100 (CET)
From: MAILER-DAEMON@mail.shop.example (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: orders@shop.example
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="4F1A21C0A3B.1796461205/mail.shop.example"
Content-Transfer-Encoding: 8bit
Message-Id: <20261204090005.4F1A21C0A3B@mail.shop.example>

This is a MIME-encapsulated message.

--4F1A21C0A3B.1796461205/mail.shop.example
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.shop.example.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<jane.doe@example.com>: host mx.example.com[203.0.113.5] said: 550 5.1.1
    <jane.doe@example.com>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)

--4F1A21C0A3B.1796461205/mail.shop.example
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.shop.example
X-Postfix-Queue-ID: 4F1A21C0A3B
X-Postfix-Sender: rfc822; orders@shop.example
Arrival-Date: Fri,  4 Dec 2026 10:00:03 +0100 (CET)

Final-Recipient: rfc822; jane.doe@example.com
Original-Recipient: rfc822;jane.doe@example.com
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.com
Diagnostic-Code: smtp; 550 5.1.1 <jane.doe@example.com>: Recipient address
    rejected: User unknown in virtual mailbox table

--4F1A21C0A3B.1796461205/mail.shop.example
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

Return-Path: <orders@shop.example>
Received: from hub (hub.shop.example [10.0.0.7])
\tby mail.shop.example (Postfix) with ESMTPSA id 4F1A21C0A3B
\tfor <jane.doe@example.com>; Fri,  4 Dec 2026 10:00:03 +0100 (CET)
From: Example Shop <orders@shop.example>
To: jane.doe@example.com
Subject: We received your order 1042
Message-ID: <notice.1042.1@shop.example>
X-Hub-Order: ord_1042
X-Hub-Notice: ord_1042:1
Date: Fri, 04 Dec 2026 09:00:02 +0000
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="--_NmP-abc"

--4F1A21C0A3B.1796461205/mail.shop.example--
`);

/** Exim: delivery-status, then the whole original message as message/rfc822. */
const EXIM_BOUNCE = crlf(`Return-path: <>
Envelope-to: orders@shop.example
Received: from Debian-exim by mx.example.org with local (Exim 4.96)
\tid 1t2abc-000XYZ-1A
\tfor orders@shop.example;
\tFri, 04 Dec 2026 09:00:09 +0000
X-Failed-Recipients: bob@example.org
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@mx.example.org>
To: orders@shop.example
Content-Type: multipart/report; report-type=delivery-status; boundary=1796461209-eximdsn-1804289383
MIME-Version: 1.0
Subject: Mail delivery failed: returning message to sender
Message-Id: <E1t2abc-000XYZ-1A@mx.example.org>
Date: Fri, 04 Dec 2026 09:00:09 +0000

--1796461209-eximdsn-1804289383
Content-type: text/plain; charset=us-ascii

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  bob@example.org
    host mail.example.org [198.51.100.20]
    SMTP error from remote mail server after RCPT TO:<bob@example.org>:
    552 5.2.2 Mailbox full

--1796461209-eximdsn-1804289383
Content-type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Action: failed
Final-Recipient: rfc822;bob@example.org
Status: 5.2.2
Remote-MTA: dns; mail.example.org
Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

--1796461209-eximdsn-1804289383
Content-type: message/rfc822

Return-path: <orders@shop.example>
Received: from hub.shop.example ([10.0.0.7])
\tby mx.example.org with esmtps (TLS1.3) (Exim 4.96)
\t(envelope-from <orders@shop.example>)
\tid 1t2abb-000XYY-0F
\tfor bob@example.org;
\tFri, 04 Dec 2026 09:00:08 +0000
From: Example Shop <orders@shop.example>
To: bob@example.org
Subject: Your order 2077 has shipped
Message-ID: <notice.2077.3@shop.example>
X-Hub-Order: ord_2077
X-Hub-Notice: ord_2077:3
Date: Fri, 04 Dec 2026 09:00:07 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hello Bob,

your order 2077 is on its way.

--1796461209-eximdsn-1804289383--
`);

/** Gmail: multipart/related human part (text + html), delivery-status with a folded Diagnostic-Code, message/rfc822. */
const GMAIL_DSN = crlf(`Delivered-To: orders@shop.example
Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: orders@shop.example
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (Failure)
References: <notice.3100.1@shop.example>
In-Reply-To: <notice.3100.1@shop.example>
X-Failed-Recipients: max.muster@example.net
Message-ID: <674f1a2b.050a0220.3c1d2e.0000.GMR@mx.google.com>
Date: Fri, 04 Dec 2026 01:02:03 -0800 (PST)
MIME-Version: 1.0
Content-Type: multipart/report; boundary="000000000000c0ffee0000000001"; report-type=delivery-status

--000000000000c0ffee0000000001
Content-Type: multipart/related; boundary="000000000000c0ffee0000000002"

--000000000000c0ffee0000000002
Content-Type: multipart/alternative; boundary="000000000000c0ffee0000000003"

--000000000000c0ffee0000000003
Content-Type: text/plain; charset="UTF-8"


** Address not found **

Your message wasn't delivered to max.muster@example.net because the address couldn't be found, or is unable to receive mail.

Learn more here: https://support.google.com/mail/?p=NoSuchUser

The response was:

The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces.

--000000000000c0ffee0000000003
Content-Type: text/html; charset="UTF-8"

<html><body><h1>Address not found</h1><p>Your message wasn't delivered to <b>max.muster@example.net</b> because the address couldn't be found.</p></body></html>

--000000000000c0ffee0000000003--
--000000000000c0ffee0000000002--
--000000000000c0ffee0000000001
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Received-From-MTA: dns; orders@shop.example
Arrival-Date: Fri, 04 Dec 2026 01:02:01 -0800 (PST)
X-Original-Message-ID: <notice.3100.1@shop.example>

Final-Recipient: rfc822; max.muster@example.net
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.net. (203.0.113.9, the server for the domain example.net.)
Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does not exist. Please try
 550-5.1.1 double-checking the recipient's email address for typos or
 550-5.1.1 unnecessary spaces. For more information, go to
 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a1si12345.4 - gsmtp
Last-Attempt-Date: Fri, 04 Dec 2026 01:02:03 -0800 (PST)

--000000000000c0ffee0000000001
Content-Type: message/rfc822

Return-Path: <orders@shop.example>
From: Example Shop <orders@shop.example>
To: max.muster@example.net
Subject: We received your order 3100
Message-ID: <notice.3100.1@shop.example>
X-Hub-Order: ord_3100
X-Hub-Notice: ord_3100:1
Date: Fri, 04 Dec 2026 09:02:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Thank you for your order.

--000000000000c0ffee0000000001--
`);

/** Postfix delay warning: Action: delayed, 4.4.1. */
const POSTFIX_DELAYED = crlf(`Return-Path: <>
Received: by mail.shop.example (Postfix)
\tid 7C2E31C0B11; Fri,  4 Dec 2026 14:10:22 +0100 (CET)
Date: Fri,  4 Dec 2026 14:10:22 +0100 (CET)
From: MAILER-DAEMON@mail.shop.example (Mail Delivery System)
Subject: Delayed Mail (still being retried)
To: orders@shop.example
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="7C2E31C0B11.1796476222/mail.shop.example"
Content-Transfer-Encoding: 8bit
Message-Id: <20261204131022.7C2E31C0B11@mail.shop.example>

This is a MIME-encapsulated message.

--7C2E31C0B11.1796476222/mail.shop.example
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.shop.example.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for more than 4 hour(s).
It will be retried until it is 5 day(s) old.

                   The mail system

<kim@slow.example>: connect to mx.slow.example[192.0.2.44]:25: Connection timed
    out

--7C2E31C0B11.1796476222/mail.shop.example
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.shop.example
X-Postfix-Queue-ID: 7C2E31C0B11
X-Postfix-Sender: rfc822; orders@shop.example
Arrival-Date: Fri,  4 Dec 2026 10:05:11 +0100 (CET)

Final-Recipient: rfc822; kim@slow.example
Original-Recipient: rfc822;kim@slow.example
Action: delayed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mx.slow.example[192.0.2.44]:25:
    Connection timed out
Will-Retry-Until: Wed,  9 Dec 2026 10:05:11 +0100 (CET)

--7C2E31C0B11.1796476222/mail.shop.example
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

Return-Path: <orders@shop.example>
From: Example Shop <orders@shop.example>
To: kim@slow.example
Subject: Your order 1077 has shipped
Message-ID: <notice.1077.4@shop.example>
X-Hub-Order: ord_1077
X-Hub-Notice: ord_1077:4
Auto-Submitted: auto-generated
Date: Fri, 04 Dec 2026 09:05:10 +0000
MIME-Version: 1.0

--7C2E31C0B11.1796476222/mail.shop.example--
`);

/** qmail: no MIME structure at all, the returned message pasted into the body. */
const QMAIL_BOUNCE = crlf(`Return-Path: <>
Received: (qmail 12345 invoked for bounce); 4 Dec 2026 09:30:00 -0000
Date: 4 Dec 2026 09:30:00 -0000
From: MAILER-DAEMON@mx.old-isp.example
To: orders@shop.example
Subject: failure notice

Hi. This is the qmail-send program at mx.old-isp.example.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<otto@old-isp.example>:
Remote host said: 550 5.1.1 <otto@old-isp.example>... User unknown

--- Below this line is a copy of the message.

Return-Path: <orders@shop.example>
Received: from hub.shop.example (10.0.0.7)
  by mx.old-isp.example with SMTP; 4 Dec 2026 09:29:58 -0000
From: Example Shop <orders@shop.example>
To: otto@old-isp.example
Subject: We received your order 5150
Message-ID: <notice.5150.1@shop.example>
X-Hub-Order: ord_5150
X-Hub-Notice: ord_5150:1
Date: Fri, 04 Dec 2026 09:29:57 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Thank you for your order.
`);

// ------------------------------------------------------------------ auto-replies

/** Outlook / Exchange Online out-of-office answer to our notice. */
const OUTLOOK_AUTO_REPLY = crlf(`Received: from AM0PR02MB1234.eurprd02.prod.outlook.com (2603:10a6:208:1::12)
 by AM0PR02MB5678.eurprd02.prod.outlook.com with HTTPS; Fri, 4 Dec 2026 09:01:12 +0000
From: Petra Kunde <petra.kunde@kunde.example>
To: Example Shop <orders@shop.example>
Subject: Automatic reply: We received your order 1042
Thread-Topic: We received your order 1042
Thread-Index: AQHbRk3nU2V0c3ViamVjdA==
Date: Fri, 4 Dec 2026 09:01:12 +0000
Message-ID: <AM0PR02MB1234B1C2D3E4F5A6B7C8D9E0F1A2B@AM0PR02MB1234.eurprd02.prod.outlook.com>
In-Reply-To: <notice.1042.1@shop.example>
References: <notice.1042.1@shop.example>
Auto-Submitted: auto-replied
X-MS-Has-Attach:
X-Auto-Response-Suppress: All
X-MS-Exchange-Inbox-Rules-Loop: petra.kunde@kunde.example
Content-Language: de-DE
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable
MIME-Version: 1.0

Ich bin bis 14.12. nicht im B=FCro und habe nur eingeschr=E4nkt Zugriff auf=
 meine E-Mails.

I am out of the office until 14 December with limited access to e-mail.
`);

/** A vacation responder that marks itself with X-Autoreply only. */
const VACATION_X_AUTOREPLY = crlf(`Return-Path: <hans@mailbox.example>
From: Hans Meier <hans@mailbox.example>
To: orders@shop.example
Subject: Re: Your order 2077 has shipped
Date: Fri, 04 Dec 2026 10:15:00 +0100
Message-ID: <vacation.7f3a@mailbox.example>
In-Reply-To: <notice.2077.3@shop.example>
X-Autoreply: yes
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

I am on holiday until 3 January. Your mail will not be forwarded.
`);

/** Unix vacation(1) style: only the subject prefix and Precedence: bulk (auto-reply wins over bulk). */
const VACATION_PRECEDENCE = crlf(`Return-Path: <>
From: Ines Berg <ines@berg.example>
To: orders@shop.example
Subject: Out of Office: We received your order 4711
Precedence: bulk
Date: Fri, 04 Dec 2026 10:20:00 +0100
Message-ID: <oof.4711@berg.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Back on Monday.
`);

// ------------------------------------------------------------------ bulk

const NEWSLETTER = crlf(`Return-Path: <bounces+12345-abcd@em.supplier.example>
From: Supplier News <news@supplier.example>
To: orders@shop.example
Subject: December deals: 20% off packaging
Date: Fri, 04 Dec 2026 07:00:00 +0000
Message-ID: <nl.2026-12.98765@em.supplier.example>
Precedence: bulk
List-Id: Supplier News <news.supplier.example>
List-Unsubscribe: <mailto:unsubscribe@em.supplier.example?subject=unsub-98765>,
 <https://em.supplier.example/u/98765>
List-Unsubscribe-Post: List-Unsubscribe=One-Click
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><body><h1>December deals</h1><p>Order now!</p></body></html>
`);

/** An e-mail service provider's mailing with List-Unsubscribe only. */
const LIST_UNSUBSCRIBE_ONLY = crlf(`From: Trade Fair <info@fair.example>
To: orders@shop.example
Subject: Your invitation to the packaging fair
Date: Fri, 04 Dec 2026 07:30:00 +0000
Message-ID: <inv.555@fair.example>
List-Unsubscribe: <https://fair.example/unsubscribe?u=555>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

See you in Nuremberg.
`);

// ------------------------------------------------------------------ spam

const SPAM_FLAG = crlf(`Return-Path: <win@prize.example>
X-Spam-Checker-Version: SpamAssassin 4.0.1 on mx.shop.example
X-Spam-Flag: YES
X-Spam-Level: *********
X-Spam-Status: Yes, score=9.4 required=5.0 tests=BAYES_99,URIBL_BLACK
\tautolearn=no version=4.0.1
From: "Order Desk" <win@prize.example>
To: orders@shop.example
Subject: Purchase order #88231 attached
Date: Fri, 04 Dec 2026 03:33:00 +0000
Message-ID: <x1@prize.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Please find our order attached, open the link to view.
`);

const SPAM_STATUS_ONLY = crlf(`Return-Path: <sales@cheap.example>
X-Spam-Status: Yes, score=9.1 required=5.0 tests=HTML_MESSAGE,RDNS_NONE,
\tSPF_FAIL autolearn=no autolearn_force=no version=3.4.6
From: Sales <sales@cheap.example>
To: orders@shop.example
Subject: RFQ urgent
Date: Fri, 04 Dec 2026 03:40:00 +0000
Message-ID: <x2@cheap.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

We want to buy 10000 units.
`);

// ------------------------------------------------------------------ people

/** An ordinary order from Outlook: X-Auto-Response-Suppress: All is on every Outlook mail. */
const CUSTOMER_ORDER = crlf(`Received: from mail.kunde.example (mail.kunde.example [198.51.100.7])
\tby mx.shop.example (Postfix) with ESMTPS id 1A2B3C4D5E
\tfor <orders@shop.example>; Fri,  4 Dec 2026 11:02:03 +0100 (CET)
X-Spam-Flag: NO
X-Spam-Status: No, score=-0.4 required=5.0 tests=DKIM_SIGNED,DKIM_VALID
\tautolearn=ham version=4.0.1
From: Petra Kunde <petra.kunde@kunde.example>
To: "orders@shop.example" <orders@shop.example>
Subject: Bestellung / order 12 x ladder L-200
Thread-Topic: Bestellung / order 12 x ladder L-200
Thread-Index: AdtGS2V4YW1wbGVfdGhyZWFk
Date: Fri, 4 Dec 2026 10:02:01 +0000
Message-ID: <DB9PR02MB9999A1B2C3D4E5F6@DB9PR02MB9999.eurprd02.prod.outlook.com>
Accept-Language: de-DE, en-US
Content-Language: de-DE
X-MS-Has-Attach:
X-Auto-Response-Suppress: All
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit
MIME-Version: 1.0

Hello,

please deliver 12 x ladder L-200 to our warehouse in Kassel.

Kind regards
Petra Kunde
`);

/** "automatic" in the subject, but no machine headers at all. */
const CUSTOMER_AUTOMATIC_SUBJECT = crlf(`From: Tom Berger <tom@berger-bau.example>
To: orders@shop.example
Subject: Order: 4 x automatic door closer AD-7
Date: Fri, 04 Dec 2026 12:00:00 +0100
Message-ID: <a1b2c3@berger-bau.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Please send 4 automatic door closers AD-7. Automatic reply not needed :)
`);

/** "Auto:" is also a word: a car-parts order from Outlook must not count as an auto-reply. */
const CUSTOMER_AUTO_PREFIX = crlf(`From: Werkstatt Lenz <teile@lenz-kfz.example>
To: orders@shop.example
Subject: Auto: Bremsbeläge für Bestellung 9001
Date: Fri, 04 Dec 2026 12:05:00 +0100
Message-ID: <lenz.9001@lenz-kfz.example>
X-Auto-Response-Suppress: All
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Bitte 2 Sätze Bremsbeläge zu Bestellung 9001 dazulegen.
`);

/** A customer answering our notice: In-Reply-To/References point at it; still a person writing. */
const CUSTOMER_REPLY = crlf(`From: Jane Doe <jane.doe@example.com>
To: Example Shop <orders@shop.example>
Subject: Re: We received your order 1042
Date: Fri, 04 Dec 2026 13:00:00 +0100
Message-ID: <CAJane+reply=1042@mail.example.com>
In-Reply-To: <notice.1042.1@shop.example>
References: <notice.1042.1@shop.example>
X-Auto-Response-Suppress: All
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Could you please add 2 more boxes to this order?

Jane

On Fri, 4 Dec 2026 at 10:00, Example Shop <orders@shop.example> wrote:
> Thank you for your order 1042.
> This is an automatic message.
`);

/** Auto-Submitted: no is an explicit "a person sent this" (RFC 3834). */
const AUTO_SUBMITTED_NO = crlf(`From: Lea Brandt <lea@brandt.example>
To: orders@shop.example
Subject: Automatic reply: not really, please ship order 3300 today
Auto-Submitted: no
Date: Fri, 04 Dec 2026 14:00:00 +0100
Message-ID: <lea.3300@brandt.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Please ship order 3300 today.
`);

/** A customer asking about a delivery status: bounce words, but not from a mailer daemon. */
const CUSTOMER_DELIVERY_QUESTION = crlf(`From: Max Muster <max.muster@example.net>
To: orders@shop.example
Subject: Delivery Status Notification? Order 3100 undelivered
Date: Fri, 04 Dec 2026 15:00:00 +0100
Message-ID: <max.3100@example.net>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

My order 3100 has not arrived. Returned mail? Please check.
`);

const BOUNCES = { POSTFIX_DSN, EXIM_BOUNCE, GMAIL_DSN, POSTFIX_DELAYED, QMAIL_BOUNCE };
const MACHINE = { ...BOUNCES, OUTLOOK_AUTO_REPLY, VACATION_X_AUTOREPLY, VACATION_PRECEDENCE, NEWSLETTER, LIST_UNSUBSCRIBE_ONLY, SPAM_FLAG, SPAM_STATUS_ONLY };
const PEOPLE = { CUSTOMER_ORDER, CUSTOMER_AUTOMATIC_SUBJECT, CUSTOMER_AUTO_PREFIX, CUSTOMER_REPLY, AUTO_SUBMITTED_NO, CUSTOMER_DELIVERY_QUESTION };

/** mailparser's default, and with the delivery-status part kept as an attachment. */
const PARSER_OPTIONS: [string, SimpleParserOptions][] = [['default options', {}], ['keepDeliveryStatus', { keepDeliveryStatus: true }]];

describe('classifyMail: bounces', () => {
  it.each(PARSER_OPTIONS)('reads a Postfix DSN: delivery-status fields and text/rfc822-headers (%s)', async (_, options) => {
    expect(await classify(POSTFIX_DSN, options)).toEqual({
      kind: 'bounce',
      reason: 'bounce: delivery status report (5.1.1, failed) for j***@example.com',
      bounce: {
        action: 'failed',
        status: '5.1.1',
        recipient: 'jane.doe@example.com',
        diagnostic: '550 5.1.1 <jane.doe@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
        hubOrderId: 'ord_1042',
        noticeKey: 'ord_1042:1',
        originalMessageId: '<notice.1042.1@shop.example>',
      },
    });
  });

  it.each(PARSER_OPTIONS)('reads an Exim bounce whose original comes back as message/rfc822 (%s)', async (_, options) => {
    expect(await classify(EXIM_BOUNCE, options)).toEqual({
      kind: 'bounce',
      reason: 'bounce: delivery status report (5.2.2, failed) for b***@example.org',
      bounce: {
        action: 'failed',
        status: '5.2.2',
        recipient: 'bob@example.org',
        diagnostic: '552 5.2.2 Mailbox full',
        hubOrderId: 'ord_2077',
        noticeKey: 'ord_2077:3',
        originalMessageId: '<notice.2077.3@shop.example>',
      },
    });
  });

  it.each(PARSER_OPTIONS)('reads a Gmail "Delivery Status Notification (Failure)" (%s)', async (_, options) => {
    const result = await classify(GMAIL_DSN, options);
    expect(result).toMatchObject({
      kind: 'bounce',
      reason: 'bounce: delivery status report (5.1.1, failed) for m***@example.net',
      bounce: {
        action: 'failed',
        status: '5.1.1',
        recipient: 'max.muster@example.net',
        hubOrderId: 'ord_3100',
        noticeKey: 'ord_3100:1',
        originalMessageId: '<notice.3100.1@shop.example>',
      },
    });
    const diagnostic = result.kind === 'bounce' ? result.bounce.diagnostic : undefined;
    expect(diagnostic).toMatch(/^550-5\.1\.1 The email account that you tried to reach does not exist\. Please try 550-5\.1\.1 double-checking/);
    expect(diagnostic).toMatch(/gsmtp$/);
    expect(diagnostic).not.toMatch(/\s{2}|\n/);
  });

  it('keeps a delayed DSN a bounce, with action delayed', async () => {
    expect(await classify(POSTFIX_DELAYED)).toEqual({
      kind: 'bounce',
      reason: 'bounce: delivery status report (4.4.1, delayed) for k***@slow.example',
      bounce: {
        action: 'delayed',
        status: '4.4.1',
        recipient: 'kim@slow.example',
        diagnostic: 'connect to mx.slow.example[192.0.2.44]:25: Connection timed out',
        hubOrderId: 'ord_1077',
        noticeKey: 'ord_1077:4',
        originalMessageId: '<notice.1077.4@shop.example>',
      },
    });
  });

  it('recognises an old-style bounce by MAILER-DAEMON sender and subject, and digs the facts out of the text', async () => {
    expect(await classify(QMAIL_BOUNCE)).toEqual({
      kind: 'bounce',
      reason: 'bounce: returned-mail notice from MAILER-DAEMON ("failure notice") (5.1.1) for o***@old-isp.example',
      bounce: {
        status: '5.1.1',
        recipient: 'otto@old-isp.example',
        hubOrderId: 'ord_5150',
        noticeKey: 'ord_5150:1',
        originalMessageId: '<notice.5150.1@shop.example>',
      },
    });
  });

  it('cuts a long Diagnostic-Code to 300 characters', async () => {
    const long = POSTFIX_DSN.replace('rejected: User unknown in virtual mailbox table', `rejected: ${'very '.repeat(100)}long`);
    const result = await classify(long);
    const diagnostic = result.kind === 'bounce' ? result.bounce.diagnostic : undefined;
    expect(diagnostic).toHaveLength(300);
    expect(diagnostic).toMatch(/^550 5\.1\.1 <jane\.doe@example\.com>: Recipient address rejected: very very/);
  });

  it('accepts header values as plain strings and arrays as well as structured objects', async () => {
    const mail = await parse(POSTFIX_DSN);
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/report', params: { 'report-type': 'delivery-status' } });
    mail.headers.set('content-type', 'multipart/report; report-type="Delivery-Status"; boundary="x"');
    expect(classifyMail(mail)).toMatchObject({ kind: 'bounce', bounce: { status: '5.1.1' } });

    const reply = await parse(CUSTOMER_ORDER);
    reply.headers.set('auto-submitted', ['no', 'auto-replied']);
    expect(classifyMail(reply)).toEqual({ kind: 'auto-reply', reason: 'auto-reply: Auto-Submitted: auto-replied' });
  });
});

describe('classifyMail: spam, auto-replies, bulk', () => {
  it('spam: X-Spam-Flag: YES', async () => {
    expect(await classify(SPAM_FLAG)).toEqual({ kind: 'spam', reason: 'spam: X-Spam-Flag: YES' });
  });

  it('spam: X-Spam-Status: Yes, with its score', async () => {
    expect(await classify(SPAM_STATUS_ONLY)).toEqual({ kind: 'spam', reason: 'spam: X-Spam-Status says Yes (score 9.1)' });
  });

  it('auto-reply: Outlook "Automatic reply:" with Auto-Submitted: auto-replied', async () => {
    expect(await classify(OUTLOOK_AUTO_REPLY)).toEqual({ kind: 'auto-reply', reason: 'auto-reply: Auto-Submitted: auto-replied' });
  });

  it('auto-reply: a vacation reply with only X-Autoreply: yes', async () => {
    expect(await classify(VACATION_X_AUTOREPLY)).toEqual({ kind: 'auto-reply', reason: 'auto-reply: X-Autoreply header' });
  });

  it('auto-reply: "Out of Office:" with Precedence: bulk and a null Return-Path is an auto-reply, not bulk', async () => {
    expect(await classify(VACATION_PRECEDENCE)).toEqual({
      kind: 'auto-reply',
      reason: 'auto-reply: subject starts "Out of Office:" with Return-Path: <>, Precedence: bulk',
    });
  });

  it('bulk: a newsletter with Precedence: bulk, List-Id and List-Unsubscribe', async () => {
    expect(await classify(NEWSLETTER)).toEqual({ kind: 'bulk', reason: 'bulk: Precedence: bulk, List-Id, List-Unsubscribe' });
  });

  it('bulk: List-Unsubscribe alone', async () => {
    expect(await classify(LIST_UNSUBSCRIBE_ONLY)).toEqual({ kind: 'bulk', reason: 'bulk: List-Unsubscribe' });
  });
});

describe('classifyMail: people', () => {
  it.each(Object.entries(PEOPLE))('%s is a message', async (_, raw) => {
    expect(await classify(raw)).toEqual({ kind: 'message' });
  });
});

describe('classifyMail: reasons', () => {
  it.each(Object.entries(MACHINE))('%s: the reason shows no full e-mail address', async (_, raw) => {
    const result = await classify(raw);
    expect(result.kind).not.toBe('message');
    const reason = result.kind === 'message' ? '' : result.reason;
    expect(reason).not.toMatch(/[A-Za-z0-9._%+-]@/);
  });

  it('fixtures are raw CRLF messages', () => {
    for (const raw of [...Object.values(MACHINE), ...Object.values(PEOPLE)]) expect(raw).not.toMatch(/[^\r]\n/);
  });
});

describe('classifyMail: read receipts', () => {
  it('files a disposition notification (a read receipt) as an auto-reply', async () => {
    const raw = [
      'From: Ada <ada@example.org>',
      'To: orders@shop.example',
      'Subject: Read: Your order K7Q-4M2-9XD',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=disposition-notification; boundary="mdn"',
      '',
      '--mdn',
      'Content-Type: text/plain',
      '',
      'Your message was read.',
      '--mdn',
      'Content-Type: message/disposition-notification',
      '',
      'Final-Recipient: rfc822; ada@example.org',
      'Disposition: manual-action/MDN-sent-manually; displayed',
      '--mdn--',
      '',
    ].join('\r\n');
    const verdict = classifyMail(await parse(raw));
    expect(verdict).toEqual({ kind: 'auto-reply', reason: 'auto-reply: read receipt (disposition notification)' });
  });
});
