"""Generate the synthetic 'stress papers': 16 committee-system PDFs in the styles of
real published papers, written blind to the tool that reads them.

    .venv/bin/python evals/stresspapers/make_papers.py            # writes pdfs/paper-NN.pdf
    .venv/bin/python evals/stresspapers/make_papers.py --labels   # also (re)writes labels/paper-NN.json

The output is deterministic: reportlab's invariant mode, a fixed creation date and fixed
document info.  Page numbers in the labels (items, evidence) are taken from where the
flowables actually landed in the final build, and decision quotes are built from the very
strings that are printed, so the labels match the PDFs.

Nothing in a paper depends on its file name: paper-NN only picks which maker runs.
"""

import html
import io
import json
import os
import re
import sys

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame,
                                KeepTogether, PageBreak, PageTemplate, Paragraph,
                                Spacer, Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))
PDF_DIR = os.path.join(HERE, "pdfs")
LABEL_DIR = os.path.join(HERE, "labels")

# Fixed creation / modification date written into every file's document info.
FIXED_PDF_DATE = "D:20241101090000+00'00'"


def _fixed_date(*_args):
    return FIXED_PDF_DATE


# ---------------------------------------------------------------------------
# text helpers
# ---------------------------------------------------------------------------

def plain(markup):
    """The text a reader sees for a bit of Paragraph markup (tags dropped, entities decoded)."""
    s = markup.replace("<br/>", " ")
    s = re.sub(r"<[^>]+>", "", s)
    s = html.unescape(s)
    return " ".join(s.split())


def style(name, font="Helvetica", size=10, leading=None, **kw):
    return ParagraphStyle(name, fontName=font, fontSize=size,
                          leading=leading if leading is not None else round(size * 1.25, 2), **kw)


class HyphPara(Flowable):
    """A paragraph wrapped by hand: a word written with '~' marks (e.g. 'con~sul~ta~tion')
    may be broken at one of them, with a hyphen at the line end, as typesetters do.
    Optionally justified (word spacing)."""

    def __init__(self, text, font="Times-Roman", size=11, leading=None, justify=True,
                 spaceBefore=0, spaceAfter=6, leftIndent=0, _lines=None, _width=None):
        Flowable.__init__(self)
        self.text = text
        self.font = font
        self.size = size
        self.leading = leading or round(size * 1.3, 2)
        self.justify = justify
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.leftIndent = leftIndent
        self._lines = _lines
        self._width = _width

    def _sw(self, s):
        return stringWidth(s, self.font, self.size)

    def _compute(self, width):
        if self._lines is not None and (self._width is None or abs(self._width - width) < 0.01):
            return
        avail = width - self.leftIndent
        words = self.text.split()
        lines, cur, i = [], [], 0
        while i < len(words):
            raw = words[i]
            word = raw.replace("~", "")
            if self._sw(" ".join(cur + [word])) <= avail:
                cur.append(word)
                i += 1
                continue
            if "~" in raw:
                segs = raw.split("~")
                broke = False
                for k in range(len(segs) - 1, 0, -1):
                    pre = "".join(segs[:k]) + "-"
                    if self._sw(" ".join(cur + [pre])) <= avail:
                        cur.append(pre)
                        lines.append(cur)
                        cur = []
                        words[i] = "~".join(segs[k:])
                        broke = True
                        break
                if broke:
                    continue
            if cur:
                lines.append(cur)
                cur = []
            else:  # a single over-long word
                cur.append(word)
                i += 1
        if cur:
            lines.append(cur)
        self._lines = [(" ".join(l), n == len(lines) - 1) for n, l in enumerate(lines)]
        self._width = width

    def wrap(self, aW, aH):
        self._compute(aW)
        self.width = aW
        self.height = len(self._lines) * self.leading
        return aW, self.height

    def split(self, aW, aH):
        self._compute(aW)
        n = int(aH // self.leading)
        if n < 2 or len(self._lines) - n < 2:
            return []
        a = HyphPara(self.text, self.font, self.size, self.leading, self.justify,
                     self.spaceBefore, 0, self.leftIndent, self._lines[:n], self._width)
        b = HyphPara(self.text, self.font, self.size, self.leading, self.justify,
                     0, self.spaceAfter, self.leftIndent, self._lines[n:], self._width)
        if hasattr(self, "_mark"):
            a._mark = self._mark
        return [a, b]

    def draw(self):
        c = self.canv
        avail = self._width - self.leftIndent
        for n, (line, last) in enumerate(self._lines):
            y = self.height - n * self.leading - self.size
            t = c.beginText(self.leftIndent, y)
            t.setFont(self.font, self.size)
            spaces = line.count(" ")
            if self.justify and not last and spaces:
                t.setWordSpace((avail - self._sw(line)) / spaces)
            t.textOut(line)
            c.drawText(t)


# ---------------------------------------------------------------------------
# paper / label machinery
# ---------------------------------------------------------------------------

class MarkDoc(BaseDocTemplate):
    def __init__(self, target, **kw):
        BaseDocTemplate.__init__(self, target, **kw)
        self.marks = {}

    def afterFlowable(self, flowable):
        key = getattr(flowable, "_mark", None)
        if key and key not in self.marks:
            self.marks[key] = self.page


class Paper:
    """One paper: its story, page furniture, document info and its label (with page
    placeholders '@key' that are filled in from where the marked flowables landed)."""

    def __init__(self, pagesize=A4, margins=(25 * mm, 25 * mm, 25 * mm, 25 * mm),
                 furniture=None, title="", author="", subject="", creator="Microsoft Word"):
        self.pagesize = pagesize
        self.margins = margins  # left, right, top, bottom
        self.furniture = furniture  # fn(canvas, pageno, total, pagesize)
        self.info = dict(title=title, author=author, subject=subject, creator=creator)
        self.story = []
        self._n = 0
        self.label = {
            "file": None, "organisation": None, "body": None, "doc_type": None,
            "meeting_date": None, "document_date": None, "parts": [], "items": [],
            "decisions": [], "decisions_complete": True, "questions": [], "notes": "",
        }

    # --- marks -----------------------------------------------------------
    def mark(self, flowable):
        if not hasattr(flowable, "_mark"):
            self._n += 1
            flowable._mark = "m%d" % self._n
        return "@" + flowable._mark

    def add(self, *flowables):
        self.story.extend(flowables)
        return flowables[0] if flowables else None

    # --- label helpers -----------------------------------------------------
    def part(self, type_, title, flowable):
        self.label["parts"].append({"type": type_, "title": title, "page": self.mark(flowable)})

    def item(self, number, minute, title, flowable):
        self.label["items"].append({"number": number, "minute": minute, "title": title,
                                    "page": self.mark(flowable)})
        return flowable

    def decision(self, lines, kind, outcome, item, meeting_date, votes=None):
        """lines: the markup strings printed for the decision, in order. Returns the quote."""
        quote = " ".join(plain(l) for l in lines)
        self.label["decisions"].append({"quote": quote, "kind": kind, "outcome": outcome,
                                        "item": item, "votes": votes,
                                        "meeting_date": meeting_date})
        return quote

    def question(self, question, evidence, flowable):
        self.label["questions"].append({"question": question, "evidence": evidence,
                                        "page": self.mark(flowable), "split": "check"})

    # --- build -------------------------------------------------------------
    def render(self, target, total):
        l, r, t, b = self.margins
        w, h = self.pagesize
        doc = MarkDoc(target, pagesize=self.pagesize, leftMargin=l, rightMargin=r,
                      topMargin=t, bottomMargin=b, invariant=1, title=self.info["title"],
                      author=self.info["author"], subject=self.info["subject"],
                      creator=self.info["creator"])
        frame = Frame(l, b, w - l - r, h - t - b, id="body", leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)

        def on_page(canv, d):
            canv.setDateFormatter(_fixed_date)
            if self.furniture:
                canv.saveState()
                self.furniture(canv, d.page, total, self.pagesize)
                canv.restoreState()

        doc.addPageTemplates([PageTemplate(id="p", frames=[frame], onPage=on_page,
                                           pagesize=self.pagesize)])
        doc.build(self.story)
        return doc


# Where each marked flowable landed in the first pass; a paper may print these (a contents
# page); the second pass is checked to put every mark on the same page.
PREV_MARKS = {}


def prev_page(name):
    return PREV_MARKS.get(name, 0)


def build(maker, fname):
    """Two passes: the first counts the pages (for 'Page x of y') and finds where the marked
    flowables land (for a contents page), the second writes the file."""
    global PREV_MARKS
    PREV_MARKS = {}
    first = maker()
    doc = first.render(io.BytesIO(), None)
    total = doc.page
    PREV_MARKS = dict(doc.marks)
    paper = maker()
    path = os.path.join(PDF_DIR, fname)
    doc = paper.render(path, total)
    if doc.page != total or doc.marks != PREV_MARKS:
        raise RuntimeError("%s: layout changed between passes" % fname)

    def resolve(v):
        if isinstance(v, str) and v.startswith("@"):
            key = v[1:]
            if key not in doc.marks:
                raise RuntimeError("%s: mark %s was never drawn (split flowable?)" % (fname, key))
            return doc.marks[key]
        return v

    lab = paper.label
    lab["file"] = fname
    for coll in ("parts", "items", "questions"):
        for e in lab[coll]:
            e["page"] = resolve(e["page"])
    return lab, total


# ---------------------------------------------------------------------------
# furniture helpers
# ---------------------------------------------------------------------------

def _pg(total):
    return "99" if total is None else str(total)


def draw_centre(canv, text, y, font="Helvetica", size=9, pagesize=A4):
    canv.setFont(font, size)
    canv.drawCentredString(pagesize[0] / 2.0, y, text)


# ---------------------------------------------------------------------------
# 1. English district council, Planning Committee agenda frontsheet (ModernGov)
# ---------------------------------------------------------------------------

# long: one paper's text and layout, written out as data
def p_planning_agenda():
    def furniture(c, page, total, ps):
        draw_centre(c, "Page %d" % page, 12 * mm, "Helvetica", 9, ps)
        if page == 1:
            c.setFont("Helvetica-Bold", 10)
            c.drawRightString(ps[0] - 18 * mm, ps[1] - 12 * mm, "Public Document Pack")

    pp = Paper(A4, (20 * mm, 20 * mm, 22 * mm, 22 * mm), furniture,
               title="Agenda frontsheet 14/05/2024 Planning Committee",
               author="Democratic Services", creator="Microsoft Word - modern.gov")
    L = pp.label
    L.update(organisation="Wealdbridge District Council", body="Planning Committee",
             doc_type="agenda", meeting_date="2024-05-14", document_date="2024-05-03")

    org = style("org", "Helvetica-Bold", 22, 26, spaceAfter=2)
    sub = style("sub", "Helvetica", 11, 14, spaceAfter=14, textColor=colors.HexColor("#444444"))
    h = style("h", "Helvetica-Bold", 16, 20, spaceBefore=6, spaceAfter=8)
    body = style("b", "Helvetica", 10.5, 13.5, spaceAfter=6)
    small = style("s", "Helvetica", 9.5, 12, spaceAfter=4)
    lab = style("lab", "Helvetica-Bold", 10.5, 13.5)
    ititle = style("it", "Helvetica-Bold", 10.5, 13.5, spaceAfter=2)
    idesc = style("id", "Helvetica", 10, 12.5, spaceAfter=2)
    pages = style("pg", "Helvetica", 9.5, 13.5, alignment=TA_RIGHT)

    first = pp.add(Paragraph("Wealdbridge District Council", org))
    pp.part("agenda", "Planning Committee - Notice of meeting", first)
    pp.add(Paragraph("Notice of meeting", sub))
    pp.add(Paragraph("Planning Committee", h))

    when = Table([
        [Paragraph("Date:", lab), Paragraph("Tuesday, 14 May 2024", body)],
        [Paragraph("Time:", lab), Paragraph("6.30 pm", body)],
        [Paragraph("Venue:", lab), Paragraph("Council Chamber, Civic Offices, Bridge Street, "
                                             "Wealdbridge, WB1 2AA", body)],
    ], colWidths=[28 * mm, 140 * mm])
    when.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    pp.add(when, Spacer(1, 6))

    pp.add(Paragraph("<b>Membership:</b> Councillors Helen Marchant (Chairman), David Okonjo "
                     "(Vice-Chairman), Peter Ashworth, Sarah Bellingham, Colin Drury, Ayesha "
                     "Farooq, Martin Gale, Rachel Hinds, Tom Lidgate, Susan Pryor and Graham "
                     "Wetherall", body))
    pp.add(Paragraph("<b>Substitute Members:</b> Councillors Kevin Bryce, Lorna Castell, "
                     "Imran Hussain and Julia Penrose", body))
    pp.add(Paragraph("<b>Quorum:</b> 4 Members", body))
    pp.add(Paragraph("<b>Contact:</b> Emma Thursby, Democratic Services Officer. "
                     "Tel: 01632 960418. Email: committees@wealdbridge.gov.uk", body))
    pp.add(Spacer(1, 8), Paragraph("AGENDA", h))

    def agenda_item(num, title, desc, pageref=""):
        cell = [Paragraph(title, ititle)] + [Paragraph(d, idesc) for d in desc]
        t = Table([[Paragraph(num, ititle), cell, Paragraph(pageref, pages)]],
                  colWidths=[14 * mm, 124 * mm, 32 * mm])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 4),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
        pp.item(num if num[-1] != "." else num[:-1], None, plain(title), t)
        pp.add(t)
        return t

    agenda_item("1.", "Apologies for Absence and Substitutions",
                ["To receive apologies for absence and to note any substitutions."])
    agenda_item("2.", "Declarations of Interest",
                ["To receive any declarations of disclosable pecuniary interests, other "
                 "registrable interests and non-registrable interests in items on this agenda."])
    agenda_item("3.", "Minutes",
                ["To approve as a correct record the minutes of the meeting of the Committee "
                 "held on 16 April 2024."], "(Pages 5 - 12)")
    agenda_item("4.", "Urgent Items",
                ["To consider any other items which the Chairman decides are urgent, for the "
                 "reasons to be given at the meeting."])
    agenda_item("5.", "Planning Applications for Determination",
                ["Report of the Head of Planning and Building Control."], "(Pages 13 - 16)")
    agenda_item("5.1", "WD/24/0112/FUL - Land North of Crossways Farm, Hatherden Lane, Little Ashby",
                ["Erection of 46 dwellings with associated access, public open space and "
                 "landscaping.", "Ward: Ashby and Hatherden",
                 "Recommendation: Grant subject to conditions and a Section 106 agreement."],
                "(Pages 17 - 44)")
    t52 = agenda_item("5.2", "WD/24/0245/HOU - 7 Orchard Close, Wealdbridge",
                      ["Two storey side extension and single storey rear extension.",
                       "Recommendation: Refuse.", "Ward: Wealdbridge North"], "(Pages 45 - 58)")
    pp.question("Is the council planning to turn down the extension at Orchard Close?",
                ["Two storey side extension and single storey rear extension. "
                 "Recommendation: Refuse."], t52)
    t53 = agenda_item("5.3", "WD/23/1187/OUT - Former Highways Depot, Station Road, Copthorne Green",
                      ["Outline application for up to 120 dwellings and a 60 bed care home (all "
                       "matters reserved except access).", "Ward: Copthorne",
                       "Recommendation: Grant subject to conditions."], "(Pages 59 - 96)")
    pp.question("How many homes could be built on the old depot site at Copthorne Green?",
                ["Outline application for up to 120 dwellings and a 60 bed care home (all "
                 "matters reserved except access)."], t53)
    agenda_item("6.", "Planning Appeals Update",
                ["To note the appeal decisions received since the last meeting."],
                "(Pages 97 - 104)")
    agenda_item("7.", "Enforcement Performance Report - Quarter 4 2023/24",
                ["Report of the Planning Enforcement Manager."], "(Pages 105 - 110)")
    agenda_item("8.", "Exclusion of the Press and Public",
                ["To consider passing the following resolution:",
                 "\u201cThat under Section 100A(4) of the Local Government Act 1972, the press "
                 "and public be excluded from the meeting for the following item of business on "
                 "the grounds that it involves the likely disclosure of exempt information as "
                 "defined in paragraph 6 of Part 1 of Schedule 12A to the Act.\u201d"])
    agenda_item("9.", "Enforcement Case - Land at Mill Lane, Little Ashby",
                ["Exempt report of the Planning Enforcement Manager."], "(Pages 111 - 118)")

    pp.add(Spacer(1, 14))
    pp.add(Paragraph("<b>Public speaking</b>", body))
    sp = pp.add(Paragraph("Members of the public who wish to speak on an application on this "
                          "agenda must register by 12 noon on Friday, 10 May 2024. Each "
                          "speaker will be allowed three minutes.", body))
    pp.question("What is the deadline to sign up to speak at this planning meeting?",
                ["must register by 12 noon on Friday, 10 May 2024"], sp)
    pp.add(HyphPara(
        "Filming and recording: the Council sup~ports the prin~ci~ple of trans~par~ency and "
        "the meeting may be filmed, re~cord~ed or broad~cast by any person at~tend~ing, "
        "subject to the Chairman's dis~cre~tion and the Council's pro~to~col on the "
        "re~cord~ing of meet~ings, a copy of which is avail~able from Demo~cratic Ser~vices "
        "on re~quest. Persons not wishing to be filmed should make them~selves known to the "
        "Demo~cratic Ser~vices Officer be~fore the meet~ing starts.",
        "Helvetica", 9.5, 12.5, justify=True, spaceAfter=10))
    pp.add(Paragraph("Date of Publication: Friday, 3 May 2024", body))
    pp.add(Paragraph("Chief Executive, Civic Offices, Bridge Street, Wealdbridge WB1 2AA", small))

    pp.add(PageBreak(), Spacer(1, 100 * mm),
           Paragraph("This page is intentionally left blank",
                     style("blank", "Helvetica", 11, 14, alignment=TA_CENTER)))
    L["notes"] = ("ModernGov-style agenda frontsheet only: the page references (Pages 5 - 12 etc.) "
                  "point into the full pack, which is not part of this file. Decoy dates: the "
                  "previous meeting (16 April 2024), the speaker registration deadline "
                  "(10 May 2024) and the publication date (3 May 2024, the document_date). "
                  "Item 8 only proposes a resolution, so there are no decisions. The last page "
                  "is an intentionally blank page.")
    return pp


# ---------------------------------------------------------------------------
# 2. Scottish council committee minute
# ---------------------------------------------------------------------------

# long: one paper's text and layout, written out as data
def p_scottish_minute():
    MD = "2024-06-06"

    def furniture(c, page, total, ps):
        c.setFont("Times-Roman", 10)
        c.drawRightString(ps[0] - 25 * mm, 14 * mm, "Page %d" % page)

    pp = Paper(A4, (25 * mm, 25 * mm, 22 * mm, 24 * mm), furniture,
               title="Minute - Education, Children and Families Committee",
               author="Governance Services")
    L = pp.label
    L.update(organisation="Lorne and Strathearn Council",
             body="Education, Children and Families Committee", doc_type="minutes",
             meeting_date=MD, document_date=None)

    t1 = style("t1", "Times-Bold", 14, 17, alignment=TA_CENTER, spaceAfter=2)
    t2 = style("t2", "Times-Bold", 12.5, 15, alignment=TA_CENTER, spaceAfter=10)
    body = style("b", "Times-Roman", 11.5, 14.5, spaceAfter=6, alignment=TA_JUSTIFY)
    head = style("h", "Times-Bold", 11.5, 14.5, spaceBefore=10, spaceAfter=4,
                 leftIndent=10 * mm, firstLineIndent=-10 * mm, keepWithNext=1)
    dech = style("dh", "Times-Bold", 11.5, 14.5, spaceBefore=4, spaceAfter=3, keepWithNext=1)
    num = style("n", "Times-Roman", 11.5, 14.5, leftIndent=16 * mm, firstLineIndent=-6 * mm,
                spaceAfter=3)

    first = pp.add(Paragraph("LORNE AND STRATHEARN COUNCIL", t1))
    pp.add(Paragraph("EDUCATION, CHILDREN AND FAMILIES COMMITTEE", t2))
    pp.add(Paragraph(
        "Minute of Meeting of the Education, Children and Families Committee held in the "
        "Council Chamber, Kilbrannan House, Lochgarry on Thursday, 6th June, 2024 at 10.00 am.",
        body))
    pp.part("minutes", "Minute of Meeting of the Education, Children and Families Committee", first)
    pp.add(Paragraph("<b>Present:</b> Councillor Fiona MacLeod (Chair); Councillors Iain Doyle, "
                     "Eilidh Grant, Morag Henderson, Callum Ross, Neil Rennie, Shona Tait, "
                     "Duncan Wallace, Kirsty Anderson, Hamish Fraser, Ailsa McIntyre, Robert "
                     "Sinclair and Catriona Urquhart.", body))
    pp.add(Paragraph("<b>Religious Representatives:</b> Rev Andrew Kerr and Ms Mairi Lindsay.",
                     body))
    pp.add(Paragraph("<b>In Attendance:</b> Douglas Hepburn, Executive Director of Education and "
                     "Children's Services; Lesley Carmichael, Head of Education (Learning and "
                     "Achievement); Ross Galbraith, Finance Manager; and Anne-Marie Kyle, "
                     "Committee Services Officer.", body))

    def heading(n, title):
        p = Paragraph("%s.&nbsp;&nbsp;&nbsp;%s" % (n, title), head)
        pp.item(n, None, title, p)
        pp.add(p)
        return p

    def decision_block(n, lines, kind, outcome, votes=None):
        fl = [Paragraph("Decision", dech)]
        for i, ln in enumerate(lines):
            fl.append(Paragraph(ln, body if i == 0 else num))
        pp.add(KeepTogether(fl))
        pp.decision(lines, kind, outcome, n, MD, votes)
        return fl

    heading("1", "APOLOGIES FOR ABSENCE")
    pp.add(Paragraph("Apologies for absence were intimated on behalf of Councillors Gordon Baird "
                     "and Alasdair Munro.", body))
    heading("2", "DECLARATIONS OF INTEREST")
    pp.add(Paragraph("Councillor Eilidh Grant declared a non-financial interest in item 6 as the "
                     "parent of a pupil at Achnaba Primary School, but considered that this did "
                     "not preclude her participation in the discussion.", body))
    heading("3", "MINUTE OF PREVIOUS MEETING")
    pp.add(Paragraph("There was submitted the Minute of the meeting of the Committee held on "
                     "14th March, 2024.", body))
    decision_block("3", ["The Committee approved the Minute as a correct record."],
                   "resolution", "approved")

    heading("4", "REVENUE BUDGET MONITORING \u2013 PROVISIONAL OUTTURN 2023/24")
    pp.add(HyphPara(
        "There was submitted a report by the Executive Director of Education and Children's "
        "Services (ECF/24/31) which set out the pro~vi~sional out~turn for the Service for "
        "2023/24, in~clud~ing an under~spend of £412,000 against a net re~vised budget of "
        "£168.4 million. The Finance Manager ex~plained that the under~spend arose mainly "
        "from vacan~cies in the in~struc~tional staff~ing budget, partly offset by con~tin~uing "
        "pres~sures in resi~den~tial child~care place~ments out~with the Council area. In "
        "re~sponse to questions, officers con~firmed that the number of external place~ments "
        "had risen from 17 to 23 during the year and that a re~cruit~ment cam~paign for foster "
        "carers would be launched in the autumn.", "Times-Roman", 11.5, 14.5))
    decision_block("4", [
        "The Committee agreed:",
        "1.&nbsp;&nbsp;to note the provisional outturn underspend of £412,000 for 2023/24;",
        "2.&nbsp;&nbsp;to note that £250,000 of the underspend had been earmarked for additional "
        "support for learning staff in 2024/25; and",
        "3.&nbsp;&nbsp;to request a further report on the pressures in residential childcare "
        "placements to the meeting of the Committee on 29th August, 2024.",
    ], "resolution", "agreed")

    heading("5", "EARLY LEARNING AND CHILDCARE \u2013 ANNUAL PROGRESS REPORT")
    pp.add(HyphPara(
        "There was submitted a report by the Head of Education (Learning and Achievement) "
        "which pro~vided an update on the de~liv~ery of the statu~tory en~ti~tle~ment to 1,140 "
        "hours of funded early learn~ing and child~care, the out~come of the annual rate "
        "re~view for funded pro~vid~ers in the private and vol~un~tary sector, and the "
        "find~ings of recent in~spec~tions by the Care In~spec~tor~ate.", "Times-Roman", 11.5, 14.5))
    d5 = decision_block("5", [
        "The Committee agreed:",
        "1.&nbsp;&nbsp;to note the progress made in delivering 1,140 hours of funded early "
        "learning and childcare;",
        "2.&nbsp;&nbsp;to approve the revised sustainable rate of £6.42 per hour for funded "
        "providers from 1st August, 2024; and",
        "3.&nbsp;&nbsp;to note the findings of the Care Inspectorate inspections summarised in "
        "Appendix 2 to the report.",
    ], "resolution", "agreed")
    pp.question("What hourly rate will private nurseries get for funded childcare hours from "
                "August 2024?",
                ["to approve the revised sustainable rate of £6.42 per hour for funded providers "
                 "from 1st August, 2024; and"], d5[3])

    heading("6", "SCHOOL ESTATE MANAGEMENT PLAN 2024 \u2013 2029")
    pp.add(HyphPara(
        "There was submitted a report by the Executive Director of Education and Children's "
        "Services which pre~sented the draft School Estate Man~age~ment Plan for the period "
        "2024 to 2029 and sought au~thor~ity to begin a statu~tory con~sul~ta~tion on the "
        "future of Achnaba Primary School, where the roll had fallen to nine pupils against "
        "a ca~pac~ity of 75.", "Times-Roman", 11.5, 14.5))
    motion = ("<b>Motion</b> \u2013 Councillor MacLeod, seconded by Councillor Doyle, moved that "
              "the Committee approve the recommendations contained in the report.")
    amend = ("<b>Amendment</b> \u2013 Councillor Grant, seconded by Councillor Rennie, moved as "
             "an amendment that consideration of the proposed statutory consultation on the "
             "future of Achnaba Primary School be deferred until a community engagement "
             "exercise had been completed.")
    vote = ("On a vote being taken by a show of hands, 4 members voted for the amendment and 9 "
            "for the motion. The amendment accordingly fell and the motion was carried.")
    pp.add(Paragraph(motion, body))
    ka = KeepTogether([Paragraph(amend, body), Paragraph(vote, body)])
    pp.add(ka)
    pp.decision([amend, vote], "amendment", "lost", "6", MD, {"for": 4, "against": 9})
    d6 = decision_block("6", [
        "The Committee agreed:",
        "1.&nbsp;&nbsp;to approve the School Estate Management Plan 2024 \u2013 2029;",
        "2.&nbsp;&nbsp;to instruct the Executive Director to commence a statutory consultation "
        "under the Schools (Consultation) (Scotland) Act 2010 on the future of Achnaba Primary "
        "School; and",
        "3.&nbsp;&nbsp;to note that a report on the outcome of the consultation would be "
        "submitted to a future meeting of the Committee.",
    ], "resolution", "agreed")
    pp.question("Which school is facing a consultation about whether it stays open?",
                ["to instruct the Executive Director to commence a statutory consultation under "
                 "the Schools (Consultation) (Scotland) Act 2010 on the future of Achnaba Primary "
                 "School; and"], d6[2])
    pp.question("How did councillors vote on putting off the Achnaba consultation?",
                ["4 members voted for the amendment and 9 for the motion. The amendment "
                 "accordingly fell and the motion was carried."], ka._content[1])

    heading("7", "PUPIL EQUITY FUNDING 2024/25")
    pp.add(Paragraph("There was submitted a report by the Head of Education (Learning and "
                     "Achievement) on the allocation of Pupil Equity Funding of £3.27 million to "
                     "schools for 2024/25.", body))
    decision_block("7", ["The Committee noted the report."], "resolution", "noted")

    heading("8", "EXCLUSION OF THE PRESS AND PUBLIC")
    decision_block("8", [
        "The Committee resolved, in terms of Section 50A(4) of the Local Government (Scotland) "
        "Act 1973, to exclude the public from the meeting for the following item of business on "
        "the grounds that it involved the likely disclosure of exempt information as defined in "
        "paragraph 1 of Part I of Schedule 7A of the Act."], "resolution", "resolved")

    heading("9", "SENIOR STAFFING \u2013 HEAD TEACHER APPOINTMENTS")
    pp.add(Paragraph("There was submitted an exempt report by the Executive Director of "
                     "Education and Children's Services.", body))
    decision_block("9", ["The Committee agreed to approve the recommendations set out in the "
                         "exempt report."], "resolution", "agreed")
    pp.add(Spacer(1, 8), Paragraph("The meeting concluded at 12.40 pm.", body))

    L["notes"] = ("Scottish-style minute: paragraph-numbered items (number = the paragraph number; "
                  "no separate minute numbers), each with a 'Decision' heading. Item 6 has a "
                  "motion and an amendment; the amendment (4 votes) fell and the motion (9 votes) "
                  "was carried, which is the item 6 Decision (labelled without votes; the 4-9 "
                  "count is on the amendment). The motion sentence itself is not labelled "
                  "separately. Decoy dates: previous meeting 14th March, 2024; a report due on "
                  "29th August, 2024; a rate from 1st August, 2024. No date of the minute itself "
                  "is printed (document_date null).")
    return pp


# ---------------------------------------------------------------------------
# 3. Welsh county borough council Cabinet minutes
# ---------------------------------------------------------------------------

# long: one paper's text and layout, written out as data
def p_welsh_cabinet():
    MD = "2024-06-19"

    def furniture(c, page, total, ps):
        c.setFont("Helvetica", 8.5)
        c.drawString(22 * mm, ps[1] - 14 * mm, "Cabinet \u2013 19/06/2024")
        c.drawRightString(ps[0] - 22 * mm, ps[1] - 14 * mm, "Glyncoed County Borough Council")
        c.setLineWidth(0.5)
        c.line(22 * mm, ps[1] - 16 * mm, ps[0] - 22 * mm, ps[1] - 16 * mm)
        draw_centre(c, "%d" % page, 12 * mm, "Helvetica", 9, ps)

    pp = Paper(A4, (22 * mm, 22 * mm, 26 * mm, 22 * mm), furniture,
               title="Minutes - Cabinet - 19/06/2024", author="Democratic Services")
    L = pp.label
    L.update(organisation="Glyncoed County Borough Council", body="Cabinet", doc_type="minutes",
             meeting_date=MD, document_date=None)

    t = style("t", "Helvetica-Bold", 12, 15, alignment=TA_CENTER, spaceAfter=8)
    body = style("b", "Helvetica", 10.5, 13.5, spaceAfter=6)
    head = style("h", "Helvetica-Bold", 10.5, 13.5, spaceBefore=10, spaceAfter=5, keepWithNext=1)
    lett = style("l", "Helvetica", 10.5, 13.5, leftIndent=9 * mm, firstLineIndent=-7 * mm,
                 spaceAfter=3)
    res = style("r", "Helvetica", 10.5, 13.5, spaceAfter=4)

    first = pp.add(Paragraph("GLYNCOED COUNTY BOROUGH COUNCIL", t))
    pp.add(Paragraph("MINUTES OF THE MEETING OF THE CABINET HELD IN THE COUNCIL CHAMBER, CIVIC "
                     "OFFICES, HEOL Y FARCHNAD, GLYNCOED AND REMOTELY VIA MICROSOFT TEAMS ON "
                     "WEDNESDAY, 19 JUNE 2024 AT 10.30 AM", t))
    pp.part("minutes", "Minutes of the meeting of the Cabinet", first)
    pp.add(Paragraph("<b>Present:</b> Councillor Rhian Pritchard (Leader of the Council) \u2013 in "
                     "the Chair", body))
    pp.add(Paragraph("Councillors: Huw Bevan (Deputy Leader and Cabinet Member for Education), "
                     "Carys Morgan (Cabinet Member for Social Care), Owain Rees (Cabinet Member "
                     "for Housing and Regeneration), Sian Thomas (Cabinet Member for Finance and "
                     "Performance) and Dylan Watkins (Cabinet Member for Environment and "
                     "Highways).", body))
    pp.add(Paragraph("<b>Officers:</b> Chief Executive; Corporate Director of Education; "
                     "Head of Finance (Section 151 Officer); Monitoring Officer; and Democratic "
                     "Services Manager.", body))

    def minute(n, title):
        p = Paragraph("%s.&nbsp;&nbsp;%s" % (n, title), head)
        pp.item(None, n, title, p)
        pp.add(p)
        return p

    def resolved(n, lines):
        fl = [Paragraph(lines[0], res)] + [Paragraph(x, lett) for x in lines[1:]]
        pp.add(KeepTogether(fl))
        pp.decision(lines, "resolution", "resolved", None, MD)
        return fl

    minute("45", "APOLOGIES FOR ABSENCE")
    pp.add(Paragraph("An apology for absence was received from Councillor Gareth Llewellyn "
                     "(Cabinet Member for Communities).", body))
    minute("46", "DECLARATIONS OF INTEREST")
    pp.add(Paragraph("There were no declarations of interest.", body))
    minute("47", "MINUTES \u2013 22 MAY 2024")
    resolved("47", ["RESOLVED that the minutes of the meeting held on 22 May 2024 be approved as "
                    "a correct record and signed by the Chair."])

    minute("48", "CORPORATE PERFORMANCE REPORT \u2013 QUARTER 4 2023/24")
    pp.add(HyphPara(
        "The Cabinet Member for Finance and Per~for~mance pre~sented the report, which set out "
        "the Council's per~for~mance against its Cor~po~rate Plan well-being ob~jec~tives at the "
        "end of the 2023/24 fi~nan~cial year. Of the 64 key per~for~mance in~di~ca~tors, 41 were "
        "rated Green, 12 Amber and 11 Red. Members dis~cussed the time taken to com~plete "
        "Dis~abled Fa~cil~i~ties Grants, which had in~creased to 287 days, and the per~cent~age "
        "of house~hold waste re~used, re~cy~cled or com~posted, which at 63.1% re~mained below the "
        "statu~tory target of 70% that applies from 2024/25.", "Helvetica", 10.5, 13.5))
    d48 = resolved("48", [
        "RESOLVED that:",
        "(a)&nbsp;&nbsp;the performance position at the end of Quarter 4 2023/24, as set out in "
        "Appendix 1 to the report, be noted;",
        "(b)&nbsp;&nbsp;the actions proposed to address the 11 performance indicators rated Red be "
        "endorsed; and",
        "(c)&nbsp;&nbsp;the report be referred to the Overview and Scrutiny Committee for "
        "consideration at its meeting on 9 July 2024.",
    ])
    pp.question("How many of the council's performance measures were red at the end of the "
                "year?", ["the actions proposed to address the 11 performance indicators rated Red "
                          "be endorsed; and"], d48[2])

    minute("49", "HOME TO SCHOOL AND COLLEGE TRANSPORT POLICY 2025/26")
    pp.add(HyphPara(
        "The Deputy Leader and Cabinet Member for Ed~u~ca~tion in~tro~duced the report, which "
        "sum~marised the re~sponses to the public con~sul~ta~tion on pro~posed changes to the "
        "Council's dis~cre~tion~ary trans~port pro~vi~sion. A total of 1,846 re~sponses had "
        "been re~ceived, the ma~jor~ity of which op~posed the with~drawal of trans~port for "
        "post-16 learn~ers. The Cabinet Member pro~posed that this el~e~ment should not be "
        "taken forward.", "Helvetica", 10.5, 13.5))
    d49 = resolved("49", [
        "RESOLVED that:",
        "(a)&nbsp;&nbsp;the outcome of the public consultation held between 4 March 2024 and "
        "26 April 2024 be noted;",
        "(b)&nbsp;&nbsp;the revised Home to School and College Transport Policy attached at "
        "Appendix A be approved for implementation from 1 September 2025;",
        "(c)&nbsp;&nbsp;the proposal to withdraw discretionary transport for post-16 learners be "
        "not progressed; and",
        "(d)&nbsp;&nbsp;authority be delegated to the Corporate Director of Education, in "
        "consultation with the Cabinet Member for Education, to make minor amendments to the "
        "policy document prior to publication.",
    ])
    pp.question("When does the new school transport policy start?",
                ["the revised Home to School and College Transport Policy attached at Appendix A "
                 "be approved for implementation from 1 September 2025;"], d49[2])
    pp.question("Will sixth form and college students lose their free transport?",
                ["the proposal to withdraw discretionary transport for post-16 learners be not "
                 "progressed; and"], d49[3])

    minute("50", "ANNUAL EQUALITY REPORT 2023/24")
    resolved("50", ["RESOLVED that the Annual Equality Report 2023/24 be approved for publication "
                    "on the Council\u2019s website."])
    minute("51", "TREASURY MANAGEMENT ANNUAL REPORT 2023/24")
    resolved("51", ["RESOLVED that the Treasury Management Annual Report 2023/24 be noted and "
                    "recommended to Council for approval."])
    minute("52", "EXCLUSION OF THE PUBLIC")
    resolved("52", ["RESOLVED that in accordance with Section 100A(4) of the Local Government Act "
                    "1972, the public be excluded from the meeting during consideration of the "
                    "following item of business on the grounds that it involves the likely "
                    "disclosure of exempt information as defined in Paragraph 14 of Part 4 of "
                    "Schedule 12A of the Act."])
    minute("53", "DISPOSAL OF LAND AT HEOL CAE MAWR INDUSTRIAL ESTATE")
    resolved("53", ["RESOLVED that the recommendations contained in the report be approved."])
    pp.add(Spacer(1, 10), Paragraph("The meeting closed at 12.05 pm.", body),
           Spacer(1, 16), Paragraph("CHAIR", style("c", "Helvetica-Bold", 10.5, 13.5)))

    L["notes"] = ("Welsh-style Cabinet minutes: only minute numbers (45-53) are printed, no agenda "
                  "item numbers, so items have number null and minute set, and decisions have "
                  "item null. Every page has a running header 'Cabinet \u2013 19/06/2024'. Decoy "
                  "dates: previous meeting 22 May 2024, a scrutiny meeting on 9 July 2024, a "
                  "consultation 4 March - 26 April 2024, a policy start of 1 September 2025. "
                  "Narrative paragraphs are hand-hyphenated at line ends.")
    return pp


# ---------------------------------------------------------------------------
# 4. Police and Crime Panel agenda pack (agenda + earlier minutes + one report)
# ---------------------------------------------------------------------------

# long: one paper's text and layout, written out as data
def p_police_panel_pack():
    MD = "2024-06-27"
    PREV = "2024-03-07"

    def furniture(c, page, total, ps):
        draw_centre(c, "Page %d" % page, 11 * mm, "Helvetica", 9, ps)

    pp = Paper(A4, (22 * mm, 22 * mm, 20 * mm, 20 * mm), furniture,
               title="Agenda - Marchshire Police and Crime Panel - 27 June 2024",
               author="Democratic Services")
    L = pp.label
    L.update(organisation="Marchshire County Council", body="Police and Crime Panel",
             doc_type="agenda_pack", meeting_date=MD, document_date="2024-06-18")

    host = style("host", "Helvetica", 10, 12, textColor=colors.HexColor("#333333"))
    big = style("big", "Helvetica-Bold", 20, 24, spaceBefore=4, spaceAfter=10)
    body = style("b", "Helvetica", 10.5, 13.5, spaceAfter=6)
    bodyb = style("bb", "Helvetica-Bold", 10.5, 13.5, spaceAfter=4)
    ah = style("ah", "Helvetica-Bold", 14, 18, spaceBefore=8, spaceAfter=6)
    it = style("it", "Helvetica-Bold", 10.5, 13.5)
    idesc = style("id", "Helvetica", 10, 12.5)
    pref = style("pr", "Helvetica", 10, 13.5, alignment=TA_RIGHT)

    first = pp.add(Paragraph("Marchshire County Council \u2013 Democratic Services, County Hall, "
                             "Marchester MR1 1QX", host))
    pp.part("agenda", "Marchshire Police and Crime Panel - Agenda", first)
    pp.add(Paragraph("Marchshire Police and Crime Panel", big))
    tb = Table([["Date:", "Thursday 27 June 2024"], ["Time:", "10.30am"],
                ["Venue:", "Edmund Room, County Hall, Marchester"]],
               colWidths=[25 * mm, 120 * mm])
    tb.setStyle(TableStyle([("FONT", (0, 0), (0, -1), "Helvetica-Bold", 11),
                            ("FONT", (1, 0), (1, -1), "Helvetica", 11),
                            ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    pp.add(tb, Spacer(1, 6))
    pp.add(Paragraph("<b>Membership</b>", body))
    pp.add(Paragraph("Cllr Janet Corrigan (Chair) (Marchshire County Council); Cllr Owen Philpott "
                     "(Vice-Chair) (Marchester City Council); Cllr Terry Hollins (Marchester City "
                     "Council); Cllr Bernadette Quayle (Eastling District Council); Cllr Adrian "
                     "Voss (Eastling District Council); Cllr Simran Gill (South Marchshire "
                     "District Council); Cllr Peter Lund (Tarrow Borough Council); Cllr Gwen "
                     "Atherton (Tarrow Borough Council); Cllr Harry Mould (Marchshire County "
                     "Council); Cllr Nadia Kovacs (Marchshire County Council); Mrs Lesley Dunn "
                     "(Independent Member); Mr Ravi Sethi (Independent Member).", body))
    pp.add(Paragraph("For further details and general enquiries about this agenda please contact "
                     "the Clerk to the Panel, Hannah Rowe, on 01632 961077 or email "
                     "pcp@marchshire.gov.uk", body))
    pp.add(Paragraph("A g e n d a", ah))

    def aitem(num, title, desc=None, ref=""):
        cell = [Paragraph(title, it)] + ([Paragraph(desc, idesc)] if desc else [])
        t = Table([[Paragraph(num, it), cell, Paragraph(ref, pref)]],
                  colWidths=[12 * mm, 118 * mm, 36 * mm])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        pp.item(num, None, title, t)
        pp.add(t)
        return t

    aitem("1", "Apologies for absence and notification of substitutes")
    def pages_ref(a, b):
        a, b = prev_page(a), prev_page(b)
        return "(Page %d)" % a if a == b else "(Pages %d - %d)" % (a, b)

    aitem("2", "Minutes", "To confirm the minutes of the meeting of the Panel held on 7 March 2024.",
          pages_ref("min_start", "min_end"))
    aitem("3", "Declarations of interest")
    aitem("4", "Public questions",
          "To receive any questions from members of the public, submitted to the Clerk by 5.00pm "
          "on Friday 21 June 2024.")
    aitem("5", "Police and Crime Commissioner's Annual Report 2023/24",
          "Report by the Chief Executive of the Office of the Police and Crime Commissioner.",
          pages_ref("rep_start", "rep_end"))
    aitem("6", "Complaints against the Police and Crime Commissioner \u2013 verbal update",
          "Update from the Clerk to the Panel.")
    aitem("7", "Work Programme", None, "(to follow)")
    t8 = aitem("8", "Date of the next meeting",
               "Thursday 19 September 2024 at 10.30am, Edmund Room, County Hall")
    pp.question("When does the police and crime panel meet after the June 2024 meeting?",
                ["Thursday 19 September 2024 at 10.30am, Edmund Room, County Hall"], t8)
    pp.add(Spacer(1, 12))
    pp.add(Paragraph("Tom Ashdown, Director of Law and Governance, County Hall, Marchester", body))
    pp.add(Paragraph("Date agenda published: Tuesday 18 June 2024", body))

    # --- minutes of the previous meeting -----------------------------------
    pp.add(PageBreak())
    mt = style("mt", "Helvetica-Bold", 13, 16, spaceAfter=8)
    mh = style("mh", "Helvetica-Bold", 10.5, 13.5, spaceBefore=8, spaceAfter=4,
               leftIndent=8 * mm, firstLineIndent=-8 * mm, keepWithNext=1)
    sub = style("sub", "Helvetica", 10.5, 13.5, leftIndent=14 * mm, firstLineIndent=-6 * mm,
                spaceAfter=3)
    m0 = pp.add(Paragraph("Marchshire Police and Crime Panel", mt))
    m0._mark = "min_start"
    pp.part("minutes", "Minutes of the meeting held on 7 March 2024", m0)
    pp.add(Paragraph("Minutes of the meeting of the Marchshire Police and Crime Panel held at County "
                     "Hall, Marchester on Thursday 7 March 2024 at 10.30am", bodyb))
    pp.add(Paragraph("<b>Present:</b> Cllr Janet Corrigan (Chair), Cllr Owen Philpott, Cllr "
                     "Bernadette Quayle, Cllr Adrian Voss, Cllr Simran Gill, Cllr Peter Lund, Cllr "
                     "Gwen Atherton, Cllr Harry Mould, Cllr Nadia Kovacs, Cllr Martin Eves "
                     "(substitute) and Mrs Lesley Dunn.", body))
    pp.add(Paragraph("<b>Also present:</b> Rebecca Stannard, Police and Crime Commissioner for "
                     "Marchshire; Colin Prior, Chief Executive, Office of the Police and Crime "
                     "Commissioner; Hannah Rowe, Clerk to the Panel.", body))

    def mhead(n, title):
        p = Paragraph("%s&nbsp;&nbsp;&nbsp;%s" % (n, title), mh)
        pp.add(p)
        return p

    def mres(n, lines, outcome="resolved", votes=None):
        fl = [Paragraph(lines[0], body)] + [Paragraph(x, sub) for x in lines[1:]]
        pp.add(KeepTogether(fl))
        pp.decision(lines, "resolution", outcome, n, PREV, votes)
        return fl

    mhead("1", "Apologies for absence")
    pp.add(Paragraph("Apologies were received from Cllr Terry Hollins (substituted by Cllr Martin "
                     "Eves) and Mr Ravi Sethi.", body))
    mhead("2", "Minutes")
    mres("2", ["RESOLVED that the minutes of the meeting held on 1 February 2024 be confirmed as a "
               "correct record and signed by the Chair."])
    mhead("3", "Declarations of interest")
    pp.add(Paragraph("There were no declarations of interest.", body))
    mhead("4", "Public questions")
    pp.add(Paragraph("One question had been received, from Mr J Peel, about the resourcing of the "
                     "rural crime team. The Commissioner's written response was circulated at the "
                     "meeting and is published with these minutes.", body))
    mhead("5", "Confirmation hearing \u2013 proposed appointment of Chief Constable")
    pp.add(HyphPara(
        "The Panel held a con~fir~ma~tion hearing in ac~cord~ance with Schedule 8 to the Police "
        "Reform and Social Re~spon~si~bil~ity Act 2011. Members ques~tioned the Com~mis~sioner "
        "and the pre~ferred can~di~date, Deputy Chief Con~sta~ble Andrea Whit~combe, about her "
        "pro~fes~sional com~pe~tence, her priori~ties for neigh~bour~hood po~lic~ing and her "
        "ap~proach to im~prov~ing public con~fi~dence. The Panel then met in private to "
        "con~sider its rec~om~men~da~tion.", "Helvetica", 10.5, 13.5))
    d5 = mres("5", ["RESOLVED that the Panel supports the Commissioner's proposed appointment of "
                    "Andrea Whitcombe as Chief Constable of Marchshire Police.",
                    "(10 votes for, 1 against)"], votes={"for": 10, "against": 1})
    pp.question("Did the panel back the commissioner's choice for chief constable?",
                ["RESOLVED that the Panel supports the Commissioner's proposed appointment of "
                 "Andrea Whitcombe as Chief Constable of Marchshire Police."], d5[0])
    mhead("6", "Estates Strategy \u2013 update")
    pp.add(Paragraph("The Commissioner introduced the update on the Estates Strategy, including the "
                     "proposed sale of Westgate Police Station and the relocation of its "
                     "neighbourhood team to the shared Westgate Hub.", body))
    mres("6", ["RESOLVED to:",
               "1.&nbsp;&nbsp;note the report; and",
               "2.&nbsp;&nbsp;ask the Commissioner to provide the Panel with the business case for "
               "the proposed sale of Westgate Police Station by 30 September 2024."])
    mhead("7", "Work programme")
    mres("7", ["RESOLVED to note the work programme."])
    pp.add(Spacer(1, 6), Paragraph("The meeting ended at 12.55pm.", body),
           Spacer(1, 10))
    pp.add(Paragraph("Chair", bodyb))._mark = "min_end"

    # --- the report ----------------------------------------------------------
    pp.add(PageBreak())
    rb = style("rb", "Times-Roman", 11.5, 14.5, spaceAfter=7, alignment=TA_JUSTIFY)
    rh = style("rh", "Times-Bold", 12, 15, spaceBefore=8, spaceAfter=5, keepWithNext=1)
    cl = style("cl", "Times-Bold", 11, 13.5)
    cv = style("cv", "Times-Roman", 11, 13.5)
    cover = Table([
        [Paragraph("Report to:", cl), Paragraph("Marchshire Police and Crime Panel", cv)],
        [Paragraph("Date of meeting:", cl), Paragraph("27 June 2024", cv)],
        [Paragraph("Agenda item:", cl), Paragraph("5", cv)],
        [Paragraph("Subject:", cl), Paragraph("Police and Crime Commissioner's Annual Report "
                                             "2023/24", cv)],
        [Paragraph("Report by:", cl), Paragraph("Colin Prior, Chief Executive, Office of the Police "
                                               "and Crime Commissioner for Marchshire", cv)],
    ], colWidths=[38 * mm, 128 * mm])
    cover.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#e8e8e8"))]))
    pp.add(cover)
    cover._mark = "rep_start"
    pp.part("report", "Police and Crime Commissioner's Annual Report 2023/24", cover)
    pp.add(Spacer(1, 8), Paragraph("Summary", rh))
    pp.add(Paragraph("The Commissioner is required by section 12 of the Police Reform and Social "
                     "Responsibility Act 2011 to produce an annual report on the exercise of her "
                     "functions and on progress against the Police and Crime Plan. The draft "
                     "Annual Report for 2023/24 is summarised below and has been circulated to "
                     "members in full.", rb))
    pp.add(Paragraph("Recommendation", rh))
    pp.add(Paragraph("The Panel is recommended to review the Commissioner's draft Annual Report "
                     "2023/24 and to make a report or recommendations on it to the Commissioner, "
                     "as required by section 28(4) of the Police Reform and Social Responsibility "
                     "Act 2011.", rb))
    pp.add(Paragraph("1.&nbsp;&nbsp;Background", rh))
    pp.add(HyphPara(
        "1.1 The Police and Crime Plan 2021\u20132025 sets four pri~or~i~ties: pre~vent~ing crime "
        "and pro~tect~ing vul~ner~able people; sup~port~ing victims; vis~i~ble and ac~ces~si~ble "
        "neigh~bour~hood po~lic~ing; and an ef~fi~cient, ef~fec~tive police service. The "
        "Annual Report de~scribes the Com~mis~sioner's ac~tiv~ity and the per~for~mance of "
        "Marchshire Police against each pri~or~ity during the fi~nan~cial year ending "
        "31 March 2024.", "Times-Roman", 11.5, 14.5, spaceAfter=7))
    pp.add(Paragraph("2.&nbsp;&nbsp;Highlights of the year", rh))
    calls = pp.add(Paragraph("2.1 Total recorded crime fell by 4.2% to 68,213 offences. 88.6% of 999 "
                             "calls were answered within 10 seconds, up from 84.1% the previous "
                             "year, and the number of neighbourhood officers rose from 412 to 455.",
                             rb))
    pp.question("How fast were emergency calls picked up in 2023/24?",
                ["88.6% of 999 calls were answered within 10 seconds, up from 84.1% the previous "
                 "year"], calls)
    perf = Table([["Measure", "2022/23", "2023/24"],
                  ["Total recorded crime", "71,204", "68,213"],
                  ["999 calls answered within 10 seconds", "84.1%", "88.6%"],
                  ["Neighbourhood officers (FTE)", "412", "455"],
                  ["Victims satisfied with the service", "72%", "75%"]],
                 colWidths=[90 * mm, 30 * mm, 30 * mm])
    perf.setStyle(TableStyle([("FONT", (0, 0), (-1, 0), "Times-Bold", 10.5),
                              ("FONT", (0, 1), (-1, -1), "Times-Roman", 10.5),
                              ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                              ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                              ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f0"))]))
    pp.add(perf, Spacer(1, 8))
    pp.add(Paragraph("3.&nbsp;&nbsp;Commissioning", rh))
    pp.add(Paragraph("3.1 The Commissioner awarded £2.1 million in grants to 38 community "
                              "safety and victim support projects, including £640,000 for "
                              "independent domestic violence advisers.", rb))
    pp.add(Paragraph("4.&nbsp;&nbsp;Next steps", rh))
    pp.add(Paragraph("4.1 Following the Panel's consideration, the Commissioner will publish the "
                     "final Annual Report on her website by 31 July 2024.", rb))
    pp.add(Paragraph("Contact officer: Colin Prior, Chief Executive, OPCC. Tel: 01632 962500",
                     rb))._mark = "rep_end"

    L["notes"] = ("Agenda pack: agenda (items 1-8 are the agenda's items), then the minutes of the "
                  "previous meeting held on 7 March 2024 (their decisions carry that date and the "
                  "minutes' own item numbers), then the report for item 5 with its own cover "
                  "sheet (a recommendation only, not a decision). Organisation taken as the host "
                  "council named in the agenda's letterhead; the Panel itself is the body "
                  "('Marchshire Police and Crime Panel' as printed). Decoy dates: publication "
                  "18 June 2024 (document_date), public questions deadline 21 June 2024, next "
                  "meeting 19 September 2024, earlier meeting 1 February 2024, deadlines "
                  "30 September 2024 and 31 July 2024.")
    return pp


# ---------------------------------------------------------------------------
# 5. Fire and rescue authority: record of officer decision
# ---------------------------------------------------------------------------

# long: one paper's text and layout, written out as data
def p_fire_officer_decision():
    def furniture(c, page, total, ps):
        c.setFont("Courier", 8.5)
        c.drawString(20 * mm, 12 * mm, "OD/2024/031")
        c.setFont("Helvetica", 8.5)
        c.drawRightString(ps[0] - 20 * mm, 12 * mm, "Page %d of %s" % (page, _pg(total)))
        c.setFillColor(colors.HexColor("#b01c1c"))
        c.rect(0, ps[1] - 9 * mm, ps[0], 9 * mm, stroke=0, fill=1)

    pp = Paper(A4, (20 * mm, 20 * mm, 22 * mm, 20 * mm), furniture,
               title="Record of Officer Decision OD/2024/031", author="Avonmere FRS")
    L = pp.label
    L.update(organisation="Avonmere Fire and Rescue Authority", body="Chief Fire Officer",
             doc_type="decision_record", meeting_date="2024-08-12", document_date="2024-08-12")

    t1 = style("t1", "Helvetica-Bold", 15, 19, spaceAfter=2)
    t2 = style("t2", "Helvetica-Bold", 13, 16, spaceAfter=10, textColor=colors.HexColor("#b01c1c"))
    lab = style("lab", "Helvetica-Bold", 10, 12.5)
    val = style("val", "Helvetica", 10, 12.5, spaceAfter=3)

    first = pp.add(Paragraph("AVONMERE FIRE AND RESCUE AUTHORITY", t1))
    pp.part("decision_record", "Record of Officer Decision", first)
    pp.add(Paragraph("RECORD OF OFFICER DECISION", t2))

    def row(label, paras):
        if isinstance(paras, str):
            paras = [paras]
        t = Table([[Paragraph(label, lab), [Paragraph(p, val) for p in paras]]],
                  colWidths=[48 * mm, 122 * mm])
        t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.7, colors.black),
                               ("LINEAFTER", (0, 0), (0, 0), 0.7, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (0, 0), colors.HexColor("#f2f2f2")),
                               ("TOPPADDING", (0, 0), (-1, -1), 4),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        pp.add(t)
        return t

    row("Decision reference:", "OD/2024/031")
    row("Decision maker:", "Mark Ellery, Chief Fire Officer")
    row("Delegated authority:", "Scheme of Delegation to Officers, paragraph 4.12 (contracts over "
        "£500,000 within the approved budget), as approved by the Authority on 22 February 2024")
    row("Subject:", "Award of contract \u2013 replacement breathing apparatus sets and telemetry")
    decision = ("To approve the award of a contract for the supply and maintenance of 240 breathing "
                "apparatus sets and associated telemetry equipment to Halden Safety Systems Ltd for "
                "a period of five years from 1 October 2024 to 30 September 2029, at a total cost of "
                "£1,862,400, funded from the approved capital programme and the revenue maintenance "
                "budget.")
    drow = row("Decision:", decision)
    pp.decision([decision], "decision_record", "approved", None, "2024-08-12")
    pp.question("How much will the fire service pay for its new breathing apparatus, and over what "
                "period?", ["for a period of five years from 1 October 2024 to 30 September 2029, at "
                            "a total cost of £1,862,400"], drow)
    rr = row("Reasons for the decision:", [
        "The Service's current breathing apparatus sets were purchased in 2013 and reach the end of "
        "their manufacturer-supported service life in March 2025.",
        "A compliant open tender was carried out through the Find a Tender service. Four tenders were "
        "received and evaluated on the basis of 60% quality and 40% price. Halden Safety Systems Ltd "
        "submitted the most economically advantageous tender, scoring 87.5 out of 100.",
        "The new sets include integrated telemetry, allowing entry control officers to monitor "
        "firefighters' air supply remotely, which addresses a recommendation from the 2022 national "
        "operational learning review."])
    pp.question("Why is the fire service replacing its breathing apparatus?",
                ["The Service's current breathing apparatus sets were purchased in 2013 and reach the "
                 "end of their manufacturer-supported service life in March 2025."], rr)
    pp.question("Which company won the breathing apparatus tender and how did it score?",
                ["Halden Safety Systems Ltd submitted the most economically advantageous tender, "
                 "scoring 87.5 out of 100."], rr)
    row("Alternative options considered and rejected:", [
        "Extending the life of the existing sets: rejected, as the manufacturer will no longer "
        "supply parts or certify servicing after March 2025.",
        "Joining the regional collaborative framework: rejected, as the framework does not include "
        "telemetry compatible with the Service's command support system."])
    row("Consultation undertaken:", "Fire Brigades Union and FOA representatives; Head of Finance "
        "(Treasurer); Monitoring Officer; Chair of the Authority (briefed on 5 August 2024).")
    row("Financial implications:", "Capital cost £1,436,000 (2024/25 capital programme, scheme "
        "CP-117); maintenance £85,280 per year for five years from the revenue budget.")
    row("Conflicts of interest declared:", "None")
    row("Date of decision:", "12 August 2024")
    pp.add(Spacer(1, 16))
    sig = Table([["Signed:", "M. Ellery", "Date:", "12/08/2024"],
                 ["", "Chief Fire Officer", "", ""]], colWidths=[20 * mm, 70 * mm, 15 * mm, 40 * mm])
    sig.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica", 10),
                             ("FONT", (1, 0), (1, 0), "Times-Italic", 13),
                             ("LINEBELOW", (1, 0), (1, 0), 0.5, colors.black),
                             ("LINEBELOW", (3, 0), (3, 0), 0.5, colors.black)]))
    pp.add(sig)
    pp.add(Spacer(1, 10), Paragraph("This record will be published on the Authority's website in "
                                    "accordance with the Openness of Local Government Bodies "
                                    "Regulations 2014.", val))
    L["notes"] = ("Record of an officer decision (taken under delegated powers, not at a meeting): "
                  "meeting_date is the date of decision (12 August 2024), document_date the date "
                  "it was signed (12/08/2024, same day). Body is the decision maker, the Chief "
                  "Fire Officer. Decoy dates: contract period 1 October 2024 - 30 September 2029, "
                  "delegation approved 22 February 2024, consultation 5 August 2024.")
    return pp


# ---------------------------------------------------------------------------
# 6. Cabinet Member (portfolio holder) record of decision
# ---------------------------------------------------------------------------

# long: one paper's text and layout, written out as data
def p_cabinet_member_decision():
    pp = Paper(A4, (22 * mm, 22 * mm, 20 * mm, 20 * mm), None,
               title="Record of Decision 24/00141", author="Democratic Services")
    L = pp.label
    L.update(organisation="Eastmarch County Council",
             body="Cabinet Member for Environment and Transport", doc_type="decision_record",
             meeting_date="2024-10-01", document_date="2024-10-01")

    org = style("org", "Helvetica-Bold", 12, 15, alignment=TA_RIGHT, spaceAfter=10)
    t = style("t", "Helvetica-Bold", 16, 20, alignment=TA_CENTER, spaceAfter=12)
    lab = style("lab", "Helvetica-Bold", 10.5, 13.5)
    val = style("val", "Helvetica", 10.5, 13.5, spaceAfter=5)
    caps = style("caps", "Helvetica", 10.5, 13.5, leftIndent=8 * mm, spaceAfter=5)

    first = pp.add(Paragraph("Eastmarch County Council", org))
    pp.part("decision_record", "Record of Decision", first)
    pp.add(Paragraph("RECORD OF DECISION", t))
    top = Table([
        [Paragraph("DECISION TAKEN BY:", lab), Paragraph("DECISION NO:", lab)],
        [Paragraph("Dominic Hale, Cabinet Member for Environment and Transport", val),
         Paragraph("24/00141", val)],
    ], colWidths=[110 * mm, 56 * mm])
    top.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.7, colors.black),
                             ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    pp.add(top, Spacer(1, 6))
    pp.add(Paragraph("<b>For publication</b>", val))
    pp.add(Paragraph("<b>Key decision:</b> YES \u2013 the decision involves expenditure of more "
                     "than £1 million and affects more than two Electoral Divisions.", val))
    pp.add(Paragraph("<b>Subject Matter / Title of Decision:</b> Highways Term Maintenance Contract "
                     "\u2013 Extension", val))
    pp.add(Paragraph("<b>Decision:</b>", val))
    lines = [
        "I agree to:",
        "APPROVE the extension of the Highways Term Maintenance Contract with Marlowe "
        "Infrastructure Services Ltd for a further two years, from 1 May 2025 to 30 April 2027, as "
        "permitted by clause 3.4 of the contract;",
        "APPROVE an annual contract value of up to £48.5 million for the extension period, to be "
        "met from the approved highways revenue and capital budgets; and",
        "DELEGATE authority to the Corporate Director of Growth, Environment and Transport, in "
        "consultation with the Cabinet Member, to take relevant actions, including but not limited "
        "to finalising the terms of and entering into the required contract variation, as "
        "necessary to implement the decision.",
    ]
    fl = [Paragraph(lines[0], val)] + [Paragraph(x, caps) for x in lines[1:]]
    pp.add(KeepTogether(fl))
    pp.decision(lines, "decision_record", "agreed", None, "2024-10-01")
    pp.question("How long is the highways maintenance contract being extended for?",
                ["for a further two years, from 1 May 2025 to 30 April 2027"], fl[1])
    pp.question("What is the yearly value of the extended highways contract?",
                ["APPROVE an annual contract value of up to £48.5 million for the extension period"],
                fl[2])
    pp.add(Paragraph("<b>Reason(s) for decision:</b>", val))
    pp.add(HyphPara(
        "The current contract com~menced on 1 May 2019 for an ini~tial term of six years, with "
        "the option to extend by up to two further years. Per~for~mance against the con~tract's "
        "key per~for~mance in~di~ca~tors has been con~sis~tently good, and a full pro~cure~ment "
        "exer~cise now would over~lap with the re~or~gan~i~sa~tion of the high~ways service and "
        "the in~tro~duc~tion of the new asset man~age~ment system. An ex~ten~sion provides "
        "con~ti~nu~ity while the Council prepares the spec~i~fi~ca~tion for the next gen~er~a~tion "
        "of contracts.", "Helvetica", 10.5, 13.5, spaceAfter=6))
    pp.add(Paragraph("<b>Cabinet Committee recommendations and other consultation:</b>", val))
    cc = pp.add(Paragraph("The proposed decision was discussed at the Environment and Transport "
                          "Cabinet Committee on 17 September 2024, which endorsed the proposed "
                          "decision.", val))
    pp.question("Did councillors on the cabinet committee support extending the highways "
                "contract?", ["The proposed decision was discussed at the Environment and Transport "
                              "Cabinet Committee on 17 September 2024, which endorsed the proposed "
                              "decision."], cc)
    pp.add(Paragraph("<b>Any alternatives considered and rejected:</b>", val))
    pp.add(Paragraph("Re-procurement of the contract to start on 1 May 2025 was considered and "
                     "rejected because of the risk to service continuity and the lead-in time for "
                     "mobilising a new provider.", val))
    pp.add(Paragraph("<b>Any interest declared when the decision was taken and any dispensation "
                     "granted by the Proper Officer:</b> None", val))
    pp.add(Spacer(1, 24))
    sig = Table([["", "D. Hale", "", "01 October 2024"],
                 ["", "signed", "", "date"]], colWidths=[10 * mm, 70 * mm, 20 * mm, 60 * mm])
    sig.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica", 10.5),
                             ("FONT", (1, 0), (1, 0), "Times-Italic", 14),
                             ("LINEABOVE", (1, 1), (1, 1), 0.5, colors.black),
                             ("LINEABOVE", (3, 1), (3, 1), 0.5, colors.black)]))
    pp.add(sig)
    L["notes"] = ("Cabinet Member record of decision in the 'I agree to: APPROVE ... DELEGATE ...' "
                  "form, signed and dated 01 October 2024 (taken as the decision date and "
                  "document_date). Decoy dates: contract 1 May 2019, extension 1 May 2025 - "
                  "30 April 2027, Cabinet Committee on 17 September 2024. No running header or "
                  "footer.")
    return pp


# ---------------------------------------------------------------------------
# 7. Town council minutes (short, informal)
# ---------------------------------------------------------------------------

# long: one paper's text and layout, written out as data
def p_town_council_minutes():
    MD = "2024-07-08"

    def furniture(c, page, total, ps):
        c.setFont("Times-Roman", 9)
        c.drawString(25 * mm, 12 * mm, "Ashcombe Town Council minutes 8th July 2024")
        c.drawRightString(ps[0] - 25 * mm, 12 * mm, "Initials ........   Page %d of %s"
                          % (page, _pg(total)))

    pp = Paper(A4, (25 * mm, 25 * mm, 20 * mm, 22 * mm), furniture,
               title="Minutes July 2024", author="Town Clerk")
    L = pp.label
    L.update(organisation="Ashcombe Town Council", body="Town Council", doc_type="minutes",
             meeting_date=MD, document_date=None)

    t = style("t", "Times-Bold", 18, 22, alignment=TA_CENTER, spaceAfter=4)
    sub = style("sub", "Times-Italic", 11.5, 14.5, alignment=TA_CENTER, spaceAfter=10)
    body = style("b", "Times-Roman", 11, 14, spaceAfter=5)
    h = style("h", "Times-Bold", 11, 14, spaceBefore=7, spaceAfter=3, keepWithNext=1)
    res = style("r", "Times-Roman", 11, 14, spaceAfter=5, leftIndent=6 * mm)

    first = pp.add(Paragraph("ASHCOMBE TOWN COUNCIL", t))
    pp.part("minutes", "Minutes of the meeting of Ashcombe Town Council", first)
    pp.add(Paragraph("Minutes of the meeting of Ashcombe Town Council held on Monday 8th July 2024 "
                     "at 7.00pm in the Jubilee Room, Ashcombe Town Hall", sub))
    pp.add(Paragraph("<b>Present:</b> Cllr Margaret Hughes (Town Mayor, in the Chair), Cllr Sam "
                     "Osei (Deputy Mayor), Cllr Derek Lamb, Cllr Priya Patel, Cllr Tom Fairbrother, "
                     "Cllr Ann Whitlow, Cllr Jack Dunmore, Cllr Rose Ingram and Cllr Bill Carver.",
                     body))
    pp.add(Paragraph("<b>In attendance:</b> Mrs Karen Blythe (Town Clerk) and 4 members of the "
                     "public.", body))

    def h2(n, title):
        p = Paragraph("%s.&nbsp;&nbsp;%s" % (n, title), h)
        pp.item(n, None, title, p)
        pp.add(p)
        return p

    def resolved(n, text, vote_line, outcome, votes=None):
        p = Paragraph(text + " " + vote_line, res)
        pp.add(p)
        pp.decision([text, vote_line], "resolution", outcome, n, MD, votes)
        return p

    h2("1", "Apologies for absence")
    pp.add(Paragraph("Apologies were received from Cllr Helen Rudd (on holiday) and were accepted.",
                     body))
    h2("2", "Declarations of interest")
    pp.add(Paragraph("Cllr Patel declared a personal interest in item 8 as an allotment tenant and "
                     "left the room for that item.", body))
    h2("3", "Public participation")
    pp.add(Paragraph("Two residents raised concerns about speeding traffic on Mill Road near the "
                     "primary school. The Clerk will pass these on to the County Councillor and ask "
                     "for the speed indicator device to be moved. A resident thanked the Council "
                     "for the new bench at Pound Green.", body))
    h2("4", "Minutes of the previous meeting")
    resolved("4", "It was RESOLVED to approve the minutes of the meeting held on 10th June 2024 as "
                  "a true record, and they were signed by the Mayor.",
             "Proposed by Cllr Lamb, seconded by Cllr Osei, carried unanimously.", "resolved")
    h2("5", "Mayor's announcements")
    car = pp.add(Paragraph("The Mayor thanked everyone who helped at the Carnival on Saturday 29th "
                           "June, which raised £1,315 for the Ashcombe Community Minibus.", body))
    pp.question("How much money did the Ashcombe carnival make?",
                ["The Mayor thanked everyone who helped at the Carnival on Saturday 29th June, "
                 "which raised £1,315 for the Ashcombe Community Minibus."], car)
    h2("6", "Finance")
    p6a = Paragraph("6(a)&nbsp;&nbsp;Payments for June 2024", h)
    pp.item("6(a)", None, "Payments for June 2024", p6a)
    pp.add(p6a)
    pays = [("K Blythe / staff", "Salaries (June)", "4,206.50"),
            ("HMRC", "PAYE and NI (June)", "1,118.34"),
            ("Ashcombe Town Hall Trust", "Room hire, April to June", "180.00"),
            ("Greenway Grounds Ltd", "Grass cutting (June)", "1,650.00"),
            ("SSE Energy Solutions", "Street lighting energy (quarter)", "967.42"),
            ("Viking Direct", "Stationery and printer ink", "349.90")]
    total = sum(float(a.replace(",", "")) for _, _, a in pays)
    assert abs(total - 8472.16) < 0.001
    tb = Table([["Payee", "Details", "£"]] + [list(r) for r in pays] + [["", "Total", "8,472.16"]],
               colWidths=[55 * mm, 70 * mm, 25 * mm])
    tb.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Times-Roman", 10),
                            ("FONT", (0, 0), (-1, 0), "Times-Bold", 10),
                            ("FONT", (0, -1), (-1, -1), "Times-Bold", 10),
                            ("ALIGN", (2, 0), (2, -1), "RIGHT"),
                            ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                            ("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.black)]))
    pp.add(tb, Spacer(1, 5))
    resolved("6(a)", "It was RESOLVED to approve the payments listed, totalling £8,472.16.",
             "Proposed by Cllr Lamb, seconded by Cllr Hughes, carried unanimously.", "resolved")
    p6b = Paragraph("6(b)&nbsp;&nbsp;Hedge maintenance 2024/25", h)
    pp.item("6(b)", None, "Hedge maintenance 2024/25", p6b)
    pp.add(p6b)
    pp.add(Paragraph("Three quotations had been obtained for cutting the hedges at the cemetery and "
                     "Pound Green. Cllr Dunmore felt the cheapest quote should be taken.", body))
    hq = resolved("6(b)", "It was RESOLVED to accept the quotation of £2,950 from Greenway Grounds "
                          "Ltd.",
                  "Proposed by Cllr Osei, seconded by Cllr Fairbrother. Carried 6 for, 2 against, "
                  "1 abstention.", "carried", {"for": 6, "against": 2, "abstain": 1})
    pp.question("Who is doing the hedge cutting this year and what will it cost?",
                ["It was RESOLVED to accept the quotation of £2,950 from Greenway Grounds Ltd."], hq)
    h2("7", "Planning")
    pp.add(Paragraph("The Council considered the following planning applications:", body))
    pp.add(Paragraph("24/01123/HOU \u2013 14 Church Lane \u2013 single storey rear extension.", body))
    resolved("7", "It was RESOLVED to raise no objection to application 24/01123/HOU.",
             "Proposed by Cllr Carver, seconded by Cllr Lamb, carried unanimously.", "resolved")
    pp.add(Paragraph("24/01187/FUL \u2013 The Old Forge, High Street \u2013 change of use from shop "
                     "(Class E) to hot food takeaway.", body))
    obj = resolved("7", "It was RESOLVED to object to application 24/01187/FUL on the grounds of "
                        "inadequate parking and the likely noise and disturbance to neighbouring "
                        "residents late at night.",
                   "Proposed by Cllr Fairbrother, seconded by Cllr Ingram, carried unanimously.",
                   "resolved")
    pp.question("Does the town council oppose the takeaway at the Old Forge?",
                ["It was RESOLVED to object to application 24/01187/FUL on the grounds of "
                 "inadequate parking"], obj)
    h2("8", "Allotment rents")
    pp.add(Paragraph("Cllr Patel left the room. The Clerk reported that allotment rents had not been "
                     "reviewed since 2019.", body))
    resolved("8", "It was RESOLVED to defer the review of allotment rents to the September meeting, "
                  "so that the Clerk can compare charges with neighbouring councils.",
             "Proposed by Cllr Hughes, seconded by Cllr Lamb, carried unanimously.", "deferred")
    pp.add(Paragraph("Cllr Patel returned to the meeting.", body))
    h2("9", "Clerk's report")
    pp.add(Paragraph("The Clerk reported that the Annual Governance and Accountability Return for "
                     "2023/24 had been sent to the external auditor before the deadline of 1st July "
                     "2024, and that the period for the exercise of public rights runs until 9th "
                     "August 2024.", body))
    h2("10", "Date of next meeting")
    pp.add(Paragraph("Monday 9th September 2024 at 7.00pm in the Jubilee Room.", body))
    pp.add(Paragraph("There being no further business the Mayor closed the meeting at 8.47pm.", body))
    pp.add(Spacer(1, 18), Paragraph("Signed ..................................... (Mayor)"
                                    "&nbsp;&nbsp;&nbsp;&nbsp;Date ......................", body))
    L["notes"] = ("Informal town council minutes, numbered items 1-10 with sub-items 6(a) and 6(b) "
                  "printed as '6(a)'. Every resolution is followed by its proposer/seconder and "
                  "result line, which is included in the quote. The item 8 resolution defers the "
                  "matter (outcome deferred). Body taken as 'Town Council' (the meeting is of the "
                  "full town council). Decoy dates: previous meeting 10th June 2024, carnival 29th "
                  "June, audit deadline 1st July 2024, public rights to 9th August 2024, next "
                  "meeting 9th September 2024.")
    return pp


# ---------------------------------------------------------------------------
# 8. US city council meeting minutes (Legistar-like)
# ---------------------------------------------------------------------------

# long: one paper's text and layout, written out as data
def p_us_city_minutes():
    MD = "2024-08-20"

    def furniture(c, page, total, ps):
        c.setFont("Helvetica", 8)
        c.drawString(18 * mm, 10 * mm, "City of Marlow Heights")
        c.drawCentredString(ps[0] / 2, 10 * mm, "Page %d" % page)
        c.drawRightString(ps[0] - 18 * mm, 10 * mm, "Printed on 8/28/2024")
        if page > 1:
            c.drawString(18 * mm, ps[1] - 12 * mm, "City Council")
            c.drawRightString(ps[0] - 18 * mm, ps[1] - 12 * mm, "Meeting Minutes      August 20, 2024")
            c.line(18 * mm, ps[1] - 13.5 * mm, ps[0] - 18 * mm, ps[1] - 13.5 * mm)

    pp = Paper(letter, (18 * mm, 18 * mm, 20 * mm, 18 * mm), furniture,
               title="City Council - Meeting Minutes", author="City Clerk",
               creator="Legistar")
    L = pp.label
    L.update(organisation="City of Marlow Heights", body="City Council", doc_type="minutes",
             meeting_date=MD, document_date=None)

    org = style("org", "Helvetica-Bold", 15, 18)
    addr = style("addr", "Helvetica", 8.5, 10.5, alignment=TA_RIGHT)
    big = style("big", "Helvetica-Bold", 22, 26, spaceBefore=6)
    bodyname = style("bn", "Helvetica-Bold", 13, 16, spaceAfter=4)
    members = style("mem", "Helvetica-Oblique", 9, 11.5, spaceAfter=8)
    body = style("b", "Helvetica", 10, 12.8, spaceAfter=5)
    sect = style("s", "Helvetica-Bold", 11, 14, spaceBefore=9, spaceAfter=4, keepWithNext=1)
    sub = style("sub", "Helvetica-Bold", 10, 12.8, spaceBefore=5, spaceAfter=3,
                leftIndent=10 * mm, firstLineIndent=-10 * mm, keepWithNext=1)
    motion = style("mo", "Helvetica", 10, 12.8, leftIndent=10 * mm, spaceAfter=2)
    result = style("re", "Helvetica-Bold", 10, 12.8, leftIndent=10 * mm, spaceAfter=6)

    top = Table([[Paragraph("City of Marlow Heights", org),
                  Paragraph("200 Civic Plaza<br/>Marlow Heights, OR 97399<br/>"
                            "www.marlowheights.gov", addr)]], colWidths=[110 * mm, 70 * mm])
    top.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.black)]))
    pp.add(top)
    pp.part("minutes", "City Council Meeting Minutes", top)
    pp.add(Paragraph("Meeting Minutes", big), Paragraph("City Council", bodyname))
    pp.add(Paragraph("Mayor Grace Okafor, Councilmembers Luis Alvarez, Sean Brennan, Wendy Chen, "
                     "Marc Dubois, Kathleen Fitzgerald and Kenji Ito", members))
    when = Table([["Tuesday, August 20, 2024", "6:00 PM", "Council Chambers"]],
                 colWidths=[70 * mm, 40 * mm, 70 * mm])
    when.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica-Bold", 10.5),
                              ("ALIGN", (2, 0), (2, 0), "RIGHT"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black)]))
    pp.add(when, Spacer(1, 6))

    def section(letter_, title):
        p = Paragraph("%s.&nbsp;&nbsp;%s" % (letter_, title), sect)
        pp.item(letter_, None, title, p)
        pp.add(p)
        return p

    def subitem(num, title):
        p = Paragraph("%s&nbsp;&nbsp;&nbsp;%s" % (num, title), sub)
        pp.item(num, None, title, p)
        pp.add(p)
        return p

    def vote(item, moved, outcome_line, outcome, votes):
        fl = [Paragraph(moved, motion), Paragraph(outcome_line, result)]
        pp.add(KeepTogether(fl))
        pp.decision([moved, outcome_line], "motion", outcome, item, MD, votes)
        return fl

    section("A", "Call to Order")
    pp.add(Paragraph("Mayor Okafor called the meeting to order at 6:02 p.m.", body))
    section("B", "Roll Call")
    pp.add(Paragraph("Present: 7 - Mayor Grace Okafor, Councilmember Luis Alvarez, Councilmember "
                     "Sean Brennan, Councilmember Wendy Chen, Councilmember Marc Dubois, "
                     "Councilmember Kathleen Fitzgerald and Councilmember Kenji Ito", body))
    section("C", "Pledge of Allegiance")
    section("D", "Approval of the Agenda")
    vote("D", "Moved by Councilmember Chen, seconded by Councilmember Dubois, to approve the agenda "
              "as presented.", "Motion carried 7-0.", "carried", {"for": 7, "against": 0})
    section("E", "Public Comment")
    pp.add(Paragraph("Three speakers addressed the Council regarding the proposed short-term rental "
                     "permit program (Item H.1). One speaker asked the City to repair the sidewalk "
                     "on Juniper Street.", body))
    section("F", "Consent Calendar")
    f2t = "Award of Contract to Pacific Coast Paving, Inc. for the 2024 Street Resurfacing Project " \
          "in the Amount of $1,284,550"
    subitem("F.1", "Approval of Minutes of the Regular Meeting of August 6, 2024")
    f2 = subitem("F.2", f2t)
    pp.question("How much is the 2024 street resurfacing contract worth and who got it?",
                [f2t], f2)
    subitem("F.3", "Second Reading and Adoption of Ordinance No. 2024-14 Amending Chapter 9.12 of "
                   "the Municipal Code Relating to Noise")
    vote("F", "Moved by Councilmember Alvarez, seconded by Councilmember Ito, to approve Consent "
              "Calendar Items F.1 through F.3.", "Motion carried 7-0.", "carried",
         {"for": 7, "against": 0})
    section("G", "Public Hearings")
    subitem("G.1", "Resolution No. 2024-52 Adopting the Fiscal Year 2024-25 Master Fee Schedule")
    pp.add(Paragraph("Finance Director Amy Tran presented the staff report. Mayor Okafor opened the "
                     "public hearing at 6:31 p.m. One speaker opposed the increase in building "
                     "permit fees. Mayor Okafor closed the public hearing at 6:38 p.m.", motion))
    vote("G.1", "Moved by Councilmember Fitzgerald, seconded by Councilmember Chen, to adopt "
                "Resolution No. 2024-52.",
         "Motion carried 5-2 (Ayes: Alvarez, Chen, Dubois, Fitzgerald, Mayor Okafor; Noes: "
         "Brennan, Ito).", "carried",
         {"for": 5, "against": 2, "yeas": ["Alvarez", "Chen", "Dubois", "Fitzgerald", "Mayor Okafor"],
          "nays": ["Brennan", "Ito"]})
    section("H", "New Business")
    subitem("H.1", "Introduction of Ordinance No. 2024-17 Establishing a Short-Term Rental Permit "
                   "Program")
    pp.add(Paragraph("Community Development Director Raj Patel presented the item. Council discussed "
                     "the proposed cap of 150 permits and the annual permit fee of $425.", motion))
    fail = vote("H.1", "Moved by Councilmember Brennan, seconded by Councilmember Ito, to continue "
                       "the item to the September 17, 2024 meeting.",
                "Motion failed 2-5 (Ayes: Brennan, Ito; Noes: Alvarez, Chen, Dubois, Fitzgerald, "
                "Mayor Okafor).", "failed",
                {"for": 2, "against": 5, "yeas": ["Brennan", "Ito"],
                 "nays": ["Alvarez", "Chen", "Dubois", "Fitzgerald", "Mayor Okafor"]})
    pp.question("Did the council agree to put off the short-term rental ordinance until September?",
                ["Moved by Councilmember Brennan, seconded by Councilmember Ito, to continue the item "
                 "to the September 17, 2024 meeting. Motion failed 2-5"], fail[0])
    vote("H.1", "Moved by Councilmember Dubois, seconded by Councilmember Alvarez, to introduce and "
                "waive the first reading of Ordinance No. 2024-17.",
         "Motion carried 6-1 (Ayes: Alvarez, Chen, Dubois, Fitzgerald, Ito, Mayor Okafor; Noes: "
         "Brennan).", "carried",
         {"for": 6, "against": 1, "yeas": ["Alvarez", "Chen", "Dubois", "Fitzgerald", "Ito",
                                           "Mayor Okafor"], "nays": ["Brennan"]})
    subitem("H.2", "Appointment to the Parks and Recreation Commission")
    ap = vote("H.2", "Moved by Councilmember Chen, seconded by Mayor Okafor, to appoint Danielle "
                     "Sutter to the Parks and Recreation Commission for a term ending June 30, 2028.",
              "Motion carried 7-0.", "carried", {"for": 7, "against": 0})
    pp.question("Who joined the parks and recreation commission and for how long?",
                ["to appoint Danielle Sutter to the Parks and Recreation Commission for a term "
                 "ending June 30, 2028."], ap[0])
    section("I", "Council Member Reports")
    pp.add(Paragraph("Councilmember Ito reported on the Regional Transit Board meeting of August 14, "
                     "2024. Councilmember Fitzgerald announced the Harvest Festival on October 5, "
                     "2024.", body))
    section("J", "City Manager Report")
    pp.add(Paragraph("City Manager Daniel Reyes reported that the Juniper Street sidewalk repair "
                     "has been scheduled for the week of September 9, 2024.", body))
    section("K", "Adjournment")
    pp.add(Paragraph("Mayor Okafor adjourned the meeting at 8:41 p.m. The next regular meeting is "
                     "scheduled for Tuesday, September 3, 2024.", body))
    pp.add(Spacer(1, 18), Paragraph("ATTEST: ______________________________<br/>"
                                    "Melissa Grant, City Clerk", body))
    L["notes"] = ("Legistar-like minutes with lettered sections A-K and sub-items F.1-F.3, G.1, H.1, "
                  "H.2. Every 'Moved by ... / Motion carried|failed ...' pair is a decision (kind "
                  "motion); the consent calendar motion is filed under item F. H.1 has a motion to "
                  "continue that FAILED 2-5 and then a motion that carried 6-1. The running footer "
                  "'Printed on 8/28/2024' is a print date, not taken as document_date. Decoy dates: "
                  "August 6 (earlier minutes), September 17 and September 3 (later meetings), "
                  "June 30, 2028 (term end), others in reports.")
    return pp


# ---------------------------------------------------------------------------
# 9. US school board agenda (Roman-numeral sections, consent sub-items 7.1 ...)
# ---------------------------------------------------------------------------

# long: one paper's text and layout, written out as data
def p_school_board_agenda():
    def furniture(c, page, total, ps):
        c.setFont("Times-Italic", 9)
        c.drawString(20 * mm, 12 * mm, "Regular Board Meeting \u2013 September 12, 2024")
        c.drawRightString(ps[0] - 20 * mm, 12 * mm, "Page %d of %s" % (page, _pg(total)))

    pp = Paper(letter, (20 * mm, 20 * mm, 18 * mm, 20 * mm), furniture,
               title="Board Agenda 9-12-2024", author="Superintendent's Office")
    L = pp.label
    L.update(organisation="Pinecrest Unified School District", body="Board of Education",
             doc_type="agenda", meeting_date="2024-09-12", document_date="2024-09-06")

    c1 = style("c1", "Helvetica-Bold", 15, 18, alignment=TA_CENTER)
    c2 = style("c2", "Helvetica-Bold", 12.5, 15.5, alignment=TA_CENTER)
    c3 = style("c3", "Times-Roman", 11, 14, alignment=TA_CENTER)
    sec = style("sec", "Helvetica-Bold", 11, 14, spaceBefore=8, spaceAfter=3,
                leftIndent=12 * mm, firstLineIndent=-12 * mm, keepWithNext=1)
    sub = style("sub", "Times-Bold", 11, 14, spaceBefore=3, leftIndent=24 * mm,
                firstLineIndent=-12 * mm, spaceAfter=1)
    desc = style("d", "Times-Roman", 10.5, 13, leftIndent=24 * mm, spaceAfter=2)
    ra = style("ra", "Times-Italic", 10.5, 13, leftIndent=24 * mm, spaceAfter=4)

    first = pp.add(Paragraph("PINECREST UNIFIED SCHOOL DISTRICT", c1))
    pp.part("agenda", "Board of Education Regular Meeting Agenda", first)
    pp.add(Paragraph("BOARD OF EDUCATION", c2), Paragraph("REGULAR MEETING AGENDA", c2),
           Spacer(1, 4))
    pp.add(Paragraph("Thursday, September 12, 2024 \u2022 6:00 p.m.", c3))
    pp.add(Paragraph("District Office Board Room, 1450 Alder Avenue, Pinecrest, California", c3))
    pp.add(Spacer(1, 6), Paragraph("Board Members: Linda Carvalho, President; Marcus Webb, Clerk; "
                                   "Teresa Nakamura; Dr. Paul Heston; Rosa Delgado. Student Board "
                                   "Member: Aiden Brooks. Superintendent: Dr. Janet Whitmore.",
                                   style("bm", "Times-Italic", 10, 12.5, alignment=TA_CENTER,
                                         spaceAfter=8)))

    def section(num, title, text=None):
        p = Paragraph("%s.&nbsp;&nbsp;%s" % (num, title), sec)
        pp.item(num, None, title, p)
        pp.add(p)
        if text:
            pp.add(Paragraph(text, style("st", "Times-Roman", 10.5, 13, leftIndent=12 * mm,
                                         spaceAfter=3)))
        return p

    def sub_item(num, title, text=None, action=None):
        fl = [Paragraph("%s&nbsp;&nbsp;&nbsp;%s" % (num, title), sub)]
        if text:
            fl.append(Paragraph(text, desc))
        if action:
            fl.append(Paragraph("Recommended Action: " + action, ra))
        pp.item(num, None, title, fl[0])
        pp.add(KeepTogether(fl))
        return fl

    section("I", "CALL TO ORDER")
    section("II", "PLEDGE OF ALLEGIANCE")
    section("III", "ROLL CALL")
    section("IV", "APPROVAL OF AGENDA", "Recommended Action: Approve the agenda as presented.")
    section("V", "PUBLIC COMMENT ON AGENDA AND NON-AGENDA ITEMS",
            "Members of the public may address the Board on any item within its jurisdiction. "
            "Speakers are asked to complete a comment card and are limited to three minutes. The "
            "Board may not take action on items not on the agenda.")
    section("VI", "REPORTS")
    sub_item("6.1", "Superintendent's Report")
    sub_item("6.2", "Student Board Member Report")
    sub_item("6.3", "Pinecrest Teachers Association Report")
    section("VII", "CONSENT AGENDA",
            "All items listed under the Consent Agenda are considered routine and will be enacted "
            "by one motion. Any Board member may request that an item be removed for separate "
            "discussion and action.")
    sub_item("7.1", "Approval of Minutes: Regular Meeting of August 22, 2024",
             action="Approve the minutes as submitted.")
    sub_item("7.2", "Certificated and Classified Personnel Report",
             "New hires, resignations and leaves of absence as listed in the attachment.",
             "Approve the personnel report.")
    w = sub_item("7.3", "Warrant Register for August 2024",
                 "Ratify warrants issued during August 2024 in the amount of $4,218,377.62.",
                 "Ratify the warrant register.")
    pp.question("How much did the district pay out in warrants in August 2024?",
                ["Ratify warrants issued during August 2024 in the amount of $4,218,377.62."], w[1])
    sub_item("7.4", "Overnight Field Trip: Pinecrest High School Science Olympiad, Sacramento, "
                    "October 18-20, 2024", action="Approve the overnight field trip.")
    sub_item("7.5", "Acceptance of Donations",
             "Donations totaling $12,640 from the Pinecrest Education Foundation and local "
             "businesses.", "Accept the donations with gratitude.")
    section("VIII", "ACTION ITEMS")
    sub_item("8.1", "Resolution No. 24-09: Establishing the 2024-25 Appropriations (Gann) Limit",
             action="Adopt Resolution No. 24-09.")
    sub_item("8.2", "2023-24 Unaudited Actuals Financial Report",
             "The report shows an ending General Fund balance of $9.8 million, a reserve of 11.2% "
             "of expenditures.", "Approve the 2023-24 Unaudited Actuals.")
    ta = sub_item("8.3", "Tentative Agreement with the Pinecrest Teachers Association, 2024-25",
                  "The agreement provides a 4.5% increase to the certificated salary schedule, "
                  "retroactive to July 1, 2024, and one additional professional development day.",
                  "Ratify the tentative agreement.")
    pp.question("What pay rise are teachers getting under the new agreement?",
                ["The agreement provides a 4.5% increase to the certificated salary schedule, "
                 "retroactive to July 1, 2024"], ta[1])
    section("IX", "INFORMATION ITEMS")
    sub_item("9.1", "First Reading: Board Policy 5131.2, Bullying")
    sub_item("9.2", "2024-25 Enrollment Update",
             "District enrollment was 6,412 students as of September 3, 2024.")
    section("X", "BOARD MEMBER COMMENTS")
    section("XI", "CLOSED SESSION")
    sub_item("11.1", "Conference with Labor Negotiators (Gov. Code \u00a7 54957.6)",
             "Agency negotiator: Dr. Janet Whitmore. Employee organization: California School "
             "Employees Association, Chapter 318.")
    sub_item("11.2", "Public Employee Performance Evaluation: Superintendent (Gov. Code \u00a7 54957)")
    section("XII", "REPORT OUT OF CLOSED SESSION")
    section("XIII", "ADJOURNMENT")
    pp.add(Spacer(1, 12))
    ada = pp.add(Paragraph(
        "In compliance with the Americans with Disabilities Act, persons who need a disability-"
        "related modification or accommodation to participate in this meeting should contact the "
        "Superintendent's Office at (530) 555-0142 by 5:00 p.m. on September 10, 2024.",
        style("ada", "Times-Roman", 9.5, 12, spaceAfter=4)))
    pp.question("What is the deadline to ask for a disability accommodation at this board meeting?",
                ["should contact the Superintendent's Office at (530) 555-0142 by 5:00 p.m. on "
                 "September 10, 2024."], ada)
    pp.add(Paragraph("Agenda posted: September 6, 2024", style("po", "Times-Bold", 10, 12.5)))
    L["notes"] = ("School board agenda: Roman-numeral sections I-XIII and decimal sub-items "
                  "(6.1-6.3, 7.1-7.5 consent agenda, 8.1-8.3, 9.1-9.2, 11.1-11.2), all listed as "
                  "items. 'Recommended Action' lines are recommendations, not decisions. "
                  "document_date is the posting date (September 6, 2024). Decoy dates: earlier "
                  "minutes of August 22, 2024, field trip October 18-20, 2024, accommodation "
                  "deadline September 10, 2024, enrollment as of September 3, 2024.")
    return pp


# ---------------------------------------------------------------------------
# 10. Canadian township council agenda package (eScribe-like) with previous minutes
# ---------------------------------------------------------------------------

# long: one paper's text and layout, written out as data
def p_canadian_agenda_pack():
    MD = "2024-10-07"
    PREV = "2024-09-16"

    def furniture(c, page, total, ps):
        c.setFont("Helvetica", 9)
        c.drawRightString(ps[0] - 20 * mm, 12 * mm, "%d" % page)

    pp = Paper(letter, (20 * mm, 20 * mm, 20 * mm, 20 * mm), furniture,
               title="Regular Council Meeting - Agenda Package", author="Clerk's Department",
               creator="eSCRIBE")
    L = pp.label
    L.update(organisation="Township of Glenarden", body="Council",
             doc_type="agenda_pack", meeting_date=MD, document_date=None)

    t1 = style("t1", "Helvetica-Bold", 16, 20, alignment=TA_CENTER)
    t2 = style("t2", "Helvetica", 13, 16, alignment=TA_CENTER)
    t3 = style("t3", "Helvetica-Bold", 13, 16, alignment=TA_CENTER, spaceAfter=8)
    body = style("b", "Helvetica", 10, 12.8, spaceAfter=4)
    lvl1 = style("l1", "Helvetica-Bold", 10.5, 13.5, spaceBefore=7, spaceAfter=2,
                 leftIndent=9 * mm, firstLineIndent=-9 * mm)
    lvl2 = style("l2", "Helvetica-Bold", 10, 12.8, spaceBefore=3, spaceAfter=2,
                 leftIndent=19 * mm, firstLineIndent=-10 * mm)
    ind = style("in", "Helvetica", 10, 12.8, leftIndent=19 * mm, spaceAfter=3)
    pref = style("pr", "Helvetica", 9, 12.8, alignment=TA_RIGHT)

    first = pp.add(Paragraph("Township of Glenarden", t1))
    pp.part("agenda", "Regular Council Meeting Agenda", first)
    pp.add(Paragraph("Regular Council Meeting", t2), Paragraph("Agenda", t3))
    meta = Table([["Date:", "Monday, October 7, 2024"], ["Time:", "6:00 p.m."],
                  ["Location:", "Council Chambers, Glenarden Municipal Office, 22 King Street West"]],
                 colWidths=[25 * mm, 140 * mm])
    meta.setStyle(TableStyle([("FONT", (0, 0), (0, -1), "Helvetica-Bold", 10),
                              ("FONT", (1, 0), (1, -1), "Helvetica", 10),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    pp.add(meta, Spacer(1, 4))
    pp.add(Paragraph("Pages", pref))

    def a1(num, title, ref=""):
        t = Table([[Paragraph("%s.&nbsp;&nbsp;%s" % (num, title), lvl1), Paragraph(ref, pref)]],
                  colWidths=[150 * mm, 25 * mm])
        t.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        pp.item(num, None, title, t)
        pp.add(t)
        return t

    def a2(num, title, ref="", rec=None):
        t = Table([[Paragraph("%s&nbsp;&nbsp;%s" % (num, title), lvl2), Paragraph(ref, pref)]],
                  colWidths=[150 * mm, 25 * mm])
        t.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        fl = [t]
        if rec:
            fl.append(Paragraph("Recommendation:", style("rh", "Helvetica-Oblique", 10, 12.8,
                                                         leftIndent=19 * mm)))
            fl.append(Paragraph(rec, ind))
        pp.item(num, None, title, t)
        pp.add(KeepTogether(fl))
        return fl

    a1("1", "Call to Order")
    a1("2", "Land Acknowledgement")
    a1("3", "Disclosure of Pecuniary Interest and General Nature Thereof")
    a1("4", "Adoption of Agenda")
    pp.add(Paragraph("Recommendation:", style("rh2", "Helvetica-Oblique", 10, 12.8,
                                              leftIndent=9 * mm)),
           Paragraph("That the agenda for the Regular Council Meeting of October 7, 2024 be adopted "
                     "as circulated.", style("in1", "Helvetica", 10, 12.8, leftIndent=9 * mm)))
    a1("5", "Adoption of Minutes")
    a2("5.1", "Regular Council Meeting - September 16, 2024",
       "%d - %d" % (prev_page("min_start"), prev_page("min_end")),
       "That the minutes of the Regular Council Meeting held on September 16, 2024 be adopted as "
       "circulated.")
    a1("6", "Delegations")
    a2("6.1", "Glenarden Minor Hockey Association - Arena Ice Allocation")
    a1("7", "Staff Reports")
    b = a2("7.1", "FIN-2024-22 2025 Budget Schedule", "",
           "That Council approve the 2025 budget schedule, with final budget deliberations on "
           "January 20, 2025.")
    pp.question("When will council hold its final debate on the 2025 budget?",
                ["That Council approve the 2025 budget schedule, with final budget deliberations on "
                 "January 20, 2025."], b[2])
    cu = a2("7.2", "PW-2024-31 Tender Award - Concession 4 Culvert Replacement", "",
            "That Council award Tender PW-T2024-07 to Tri-County Excavating Ltd. in the amount of "
            "$612,480.00 plus HST.")
    pp.question("Which contractor is recommended for the culvert replacement and at what price?",
                ["That Council award Tender PW-T2024-07 to Tri-County Excavating Ltd. in the amount "
                 "of $612,480.00 plus HST."], cu[2])
    a1("8", "By-laws")
    a2("8.1", "By-law 2024-58 - Appoint a Deputy Clerk")
    a1("9", "Notice of Motion")
    a1("10", "Closed Session")
    pp.add(Paragraph("Under Section 239(2)(c) of the Municipal Act, 2001 - a proposed or pending "
                     "acquisition or disposition of land by the municipality (former Glenarden Public "
                     "School property).", style("in2", "Helvetica", 10, 12.8, leftIndent=9 * mm)))
    a1("11", "Confirmatory By-law")
    pp.add(Paragraph("By-law 2024-59, being a by-law to confirm the proceedings of Council at its "
                     "meeting held on October 7, 2024.",
                     style("in3", "Helvetica", 10, 12.8, leftIndent=9 * mm)))
    a1("12", "Adjournment")

    # --- attachment: minutes of September 16, 2024 ------------------------
    pp.add(PageBreak())
    m0 = pp.add(Paragraph("Township of Glenarden", t1))
    m0._mark = "min_start"
    pp.part("minutes", "Regular Council Meeting Minutes - September 16, 2024", m0)
    pp.add(Paragraph("Regular Council Meeting", t2), Paragraph("Minutes", t3))
    pp.add(Paragraph("September 16, 2024, 6:00 p.m.<br/>Council Chambers, Glenarden Municipal Office, "
                     "22 King Street West", style("mw", "Helvetica", 10, 12.8,
                                                  alignment=TA_CENTER, spaceAfter=8)))
    pp.add(Paragraph("<b>Council Present:</b> Mayor Karin Lindqvist, Deputy Mayor Patrick Walsh, "
                     "Councillor Diane Paquette, Councillor Ahmed Rahimi, Councillor Lukas Brandt",
                     body))
    pp.add(Paragraph("<b>Staff Present:</b> Nicole Tremblay, CAO/Clerk; Jason Dyck, Treasurer; "
                     "Marie Gauthier, Director of Public Works; Sophie Klassen, Deputy Clerk",
                     body))
    mh = style("mh", "Helvetica-Bold", 10.5, 13.5, spaceBefore=8, spaceAfter=3,
               leftIndent=9 * mm, firstLineIndent=-9 * mm, keepWithNext=1)
    mh2 = style("mh2", "Helvetica-Bold", 10, 12.8, spaceBefore=4, spaceAfter=2,
                leftIndent=19 * mm, firstLineIndent=-10 * mm, keepWithNext=1)
    mv = style("mv", "Helvetica", 10, 12.8, leftIndent=19 * mm, spaceAfter=1)
    mc = style("mc", "Helvetica-Bold", 10, 12.8, leftIndent=19 * mm, alignment=TA_LEFT,
               spaceAfter=6)

    def mhead(num, title, lvl=1):
        pp.add(Paragraph(("%s.&nbsp;&nbsp;%s" if lvl == 1 else "%s&nbsp;&nbsp;%s") % (num, title),
                         mh if lvl == 1 else mh2))

    def moved(item, mover, seconder, text, outcome_line, outcome, votes=None, recorded=None):
        lines = ["Moved by: " + mover, "Seconded by: " + seconder, text] + (recorded or []) + \
                [outcome_line]
        fl = [Paragraph(x, mc if x == outcome_line else mv) for x in lines]
        pp.add(KeepTogether(fl))
        pp.decision(lines, "motion", outcome, item, PREV, votes)
        return fl

    mhead("1", "Call to Order")
    pp.add(Paragraph("Mayor Lindqvist called the meeting to order at 6:00 p.m.", mv))
    mhead("2", "Land Acknowledgement")
    mhead("3", "Disclosure of Pecuniary Interest and General Nature Thereof")
    pp.add(Paragraph("None declared.", mv))
    mhead("4", "Adoption of Agenda")
    moved("4", "Councillor Paquette", "Deputy Mayor Walsh",
          "That the agenda for the Regular Council Meeting of September 16, 2024 be adopted as "
          "circulated.", "Carried", "carried")
    mhead("5", "Adoption of Minutes")
    mhead("5.1", "Regular Council Meeting - September 3, 2024", 2)
    moved("5.1", "Councillor Rahimi", "Councillor Brandt",
          "That the minutes of the Regular Council Meeting held on September 3, 2024 be adopted as "
          "circulated.", "Carried", "carried")
    mhead("6", "Staff Reports")
    mhead("6.1", "PLN-2024-14 Zoning By-law Amendment - 418 Concession Road 2", 2)
    moved("6.1", "Deputy Mayor Walsh", "Councillor Paquette",
          "That Council approve Zoning By-law Amendment Application Z-07-2024 to permit an additional "
          "residential unit at 418 Concession Road 2.", "Carried (4 to 1)", "carried",
          {"for": 4, "against": 1,
           "yeas": ["Mayor Lindqvist", "Deputy Mayor Walsh", "Councillor Paquette",
                    "Councillor Rahimi"], "nays": ["Councillor Brandt"]},
          ["In Favour (4): Mayor Lindqvist, Deputy Mayor Walsh, Councillor Paquette, Councillor "
           "Rahimi", "Opposed (1): Councillor Brandt"])
    mhead("6.2", "FIN-2024-19 Ontario Community Infrastructure Fund Allocation", 2)
    moved("6.2", "Councillor Brandt", "Councillor Rahimi",
          "That Council receive report FIN-2024-19 for information.", "Carried", "carried")
    mhead("7", "Motions")
    mhead("7.1", "Councillor Brandt - Reduced Speed Limit on Mill Street", 2)
    sp = moved("7.1", "Councillor Brandt", "Councillor Rahimi",
               "That staff be directed to reduce the speed limit on Mill Street to 40 km/h.",
               "Defeated (2 to 3)", "lost",
               {"for": 2, "against": 3, "yeas": ["Councillor Brandt", "Councillor Rahimi"],
                "nays": ["Mayor Lindqvist", "Deputy Mayor Walsh", "Councillor Paquette"]},
               ["In Favour (2): Councillor Brandt, Councillor Rahimi",
                "Opposed (3): Mayor Lindqvist, Deputy Mayor Walsh, Councillor Paquette"])
    pp.question("Did council agree to lower the speed limit on Mill Street?",
                ["That staff be directed to reduce the speed limit on Mill Street to 40 km/h.",
                 "Opposed (3): Mayor Lindqvist, Deputy Mayor Walsh, Councillor Paquette Defeated "
                 "(2 to 3)"], sp[2])
    mhead("8", "Confirmatory By-law")
    moved("8", "Councillor Rahimi", "Councillor Paquette",
          "That By-law 2024-55, being a by-law to confirm the proceedings of Council at its meeting "
          "held on September 16, 2024, be read and passed.", "Carried", "carried")
    mhead("9", "Adjournment")
    moved("9", "Deputy Mayor Walsh", "Councillor Brandt",
          "That the meeting be adjourned at 7:42 p.m.", "Carried", "carried")
    pp.add(Spacer(1, 24))
    sig = Table([["_________________________", "_________________________"],
                 ["Karin Lindqvist, Mayor", "Nicole Tremblay, CAO/Clerk"]],
                colWidths=[85 * mm, 85 * mm])
    sig.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica", 10)]))
    pp.add(sig)
    sig._mark = "min_end"
    L["notes"] = ("eScribe-style agenda package: the agenda for October 7, 2024 (items 1-12 with "
                  "sub-items, as listed) followed by the attached minutes of the September 16, 2024 "
                  "meeting (item 5.1). The agenda's 'Recommendation:' texts are not decisions; the "
                  "decisions are the Moved by / Seconded by / Carried|Defeated blocks in the "
                  "attached minutes, dated 2024-09-16 and filed under the minutes' own item "
                  "numbers. 'Defeated' is labelled outcome lost. No publication date printed. Body is "
                  "'Council': the paper names the meeting 'Regular Council Meeting' of the "
                  "township's council.")
    return pp


# ---------------------------------------------------------------------------
# 11. Australian shire council ordinary meeting minutes (with order of business)
# ---------------------------------------------------------------------------

# long: one paper's text and layout, written out as data
def p_australian_minutes():
    MD = "2024-07-23"

    def furniture(c, page, total, ps):
        c.setFont("Helvetica", 8)
        c.drawString(20 * mm, 11 * mm, "Minutes of the Ordinary Meeting of Council \u2013 23 July 2024")
        c.drawRightString(ps[0] - 20 * mm, 11 * mm, "Page %d of %s" % (page, _pg(total)))
        c.line(20 * mm, 14 * mm, ps[0] - 20 * mm, 14 * mm)

    pp = Paper(A4, (20 * mm, 20 * mm, 20 * mm, 20 * mm), furniture,
               title="Minutes of Ordinary Council Meeting - 23 July 2024", author="Yarrabee Shire",
               creator="InfoCouncil")
    L = pp.label
    L.update(organisation="Yarrabee Shire Council", body="Council", doc_type="minutes",
             meeting_date=MD, document_date=None)

    big = style("big", "Helvetica-Bold", 26, 32, alignment=TA_CENTER, spaceAfter=14)
    mid = style("mid", "Helvetica-Bold", 16, 20, alignment=TA_CENTER, spaceAfter=8)
    body = style("b", "Helvetica", 10, 13, spaceAfter=5)
    caps = style("caps", "Helvetica-Bold", 10, 13, spaceAfter=8)
    h1 = style("h1", "Helvetica-Bold", 11, 14, spaceBefore=10, spaceAfter=4,
               leftIndent=10 * mm, firstLineIndent=-10 * mm, keepWithNext=1)
    h2 = style("h2", "Helvetica-Bold", 10, 13, spaceBefore=6, spaceAfter=3,
               leftIndent=10 * mm, firstLineIndent=-10 * mm, keepWithNext=1)
    rh = style("rh", "Helvetica-Bold", 10, 13, spaceBefore=2)
    rb = style("rbody", "Helvetica", 10, 13, spaceAfter=2)
    rl = style("rl", "Helvetica", 10, 13, leftIndent=8 * mm, firstLineIndent=-6 * mm, spaceAfter=2)
    out = style("out", "Helvetica-Bold", 10, 13, alignment=TA_RIGHT, spaceAfter=2)
    div = style("div", "Helvetica-Oblique", 9.5, 12, spaceAfter=6)

    # cover page
    pp.add(Spacer(1, 40 * mm))
    cov = pp.add(Paragraph("Yarrabee Shire Council", big))
    pp.part("minutes", "Minutes - Ordinary Council Meeting", cov)
    pp.add(Paragraph("MINUTES", mid), Paragraph("Ordinary Council Meeting", mid),
           Paragraph("Tuesday 23 July 2024", mid))
    pp.add(Spacer(1, 20 * mm))
    pp.add(Paragraph("Council Chambers, 41 Main Street, Yarrabee NSW", style(
        "cc", "Helvetica", 12, 15, alignment=TA_CENTER)))

    # order of business (page numbers from the first build pass)
    pp.add(PageBreak(), Paragraph("ORDER OF BUSINESS", mid))
    toc = [("1", "OPENING OF MEETING"), ("2", "ACKNOWLEDGEMENT OF COUNTRY"), ("3", "APOLOGIES"),
           ("4", "CONFIRMATION OF MINUTES"), ("5", "DISCLOSURES OF INTERESTS"),
           ("6", "MAYORAL MINUTES"), ("6.1", "Flood Recovery Funding Advocacy"),
           ("7", "REPORTS TO COUNCIL"),
           ("7.1", "Development Application DA2024/0087 - 12 Lot Subdivision, 155 Wattle Road, "
                   "Yarrabee"),
           ("7.2", "Investment Report - June 2024"),
           ("7.3", "Naming of Unnamed Lane off Bridge Street"),
           ("8", "NOTICES OF MOTION"), ("8.1", "Notice of Motion - Free Green Waste Drop-off Weekend"),
           ("9", "CONFIDENTIAL MATTERS"),
           ("9.1", "Tender T2024/06 - Supply and Delivery of Road Base"),
           ("10", "CLOSE OF MEETING")]
    rows = []
    for n, t in toc:
        sty = style("toc" + n, "Helvetica-Bold" if "." not in n else "Helvetica", 10, 13)
        rows.append([Paragraph(n, sty), Paragraph(t, sty),
                     Paragraph(str(prev_page("it" + n)), style("tp", "Helvetica", 10, 13,
                                                              alignment=TA_RIGHT))])
    tt = Table(rows, colWidths=[14 * mm, 140 * mm, 16 * mm])
    tt.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    pp.add(tt)
    titles = dict(toc)

    # minutes proper
    pp.add(PageBreak())
    pp.add(Paragraph("MINUTES OF THE ORDINARY MEETING OF COUNCIL HELD AT THE COUNCIL CHAMBERS, 41 "
                     "MAIN STREET, YARRABEE ON TUESDAY 23 JULY 2024 COMMENCING AT 5.00PM", caps))
    pp.add(Paragraph("<b>PRESENT:</b> Cr Ellen Smith (Mayor), Cr Robert Jones (Deputy Mayor), Cr Linh "
                     "Nguyen, Cr Patrick O'Brien, Cr Grant Walker, Cr Joanne Harris, Cr Nick "
                     "Papadopoulos, Cr Sharon Kelly, Cr Ian Fraser", body))
    pp.add(Paragraph("<b>IN ATTENDANCE:</b> Michael Doyle (General Manager), Karen Liu (Director "
                     "Corporate Services), Stuart Bell (Director Infrastructure), Amanda Price "
                     "(Manager Planning), Tessa Wong (Minute Secretary)", body))

    def head(n, st=h1):
        p = Paragraph("%s&nbsp;&nbsp;&nbsp;%s" % (n, titles[n]), st)
        p._mark = "it" + n
        pp.item(n, None, titles[n], p)
        pp.add(p)
        return p

    def res(item, heading, mover, text_lines, outcome_line, outcome, votes, kind="resolution",
            division=None):
        lines = [heading, mover] + text_lines + [outcome_line]
        fl = [Paragraph(heading, rh), Paragraph(mover, rb)]
        fl += [Paragraph(x, rl if re.match(r"^\d\.", plain(x)) else rb) for x in text_lines]
        fl.append(Paragraph(outcome_line, out))
        if division:
            fl.append(Paragraph(division, div))
        pp.add(KeepTogether(fl))
        pp.decision(lines, kind, outcome, item, MD, votes)
        return fl

    head("1")
    pp.add(Paragraph("The Mayor declared the meeting open at 5.00pm.", body))
    head("2")
    pp.add(Paragraph("The Mayor acknowledged the Traditional Custodians of the land on which the "
                     "meeting was held and paid respect to Elders past and present.", body))
    head("3")
    pp.add(Paragraph("Nil", body))
    head("4")
    res("4", "RESOLUTION 2024/142", "Moved Cr Jones, Seconded Cr Nguyen.",
        ["That the Minutes of the Ordinary Meeting of Council held on 25 June 2024 be confirmed."],
        "CARRIED 9/0", "carried", {"for": 9, "against": 0})
    head("5")
    pp.add(Paragraph("Cr Kelly declared a non-significant, non-pecuniary interest in Item 7.1 as she "
                     "lives in Wattle Road, and remained in the meeting.", body))
    head("6")
    head("6.1", h2)
    fl = res("6.1", "RESOLUTION 2024/143", "Moved Cr Smith.",
             ["That Council write to the NSW Minister for Emergency Services seeking an extension of "
              "the Disaster Recovery Funding Arrangements claim deadline for the November 2022 "
              "floods to 30 June 2025."], "CARRIED 9/0", "carried", {"for": 9, "against": 0})
    pp.question("What new deadline does the shire want for its flood recovery claims?",
                ["seeking an extension of the Disaster Recovery Funding Arrangements claim deadline "
                 "for the November 2022 floods to 30 June 2025."], fl[2])
    head("7")
    head("7.1", h2)
    pp.add(Paragraph("Amanda Price, Manager Planning, summarised the assessment report. Two "
                     "submissions objecting to the proposal had been received.", body))
    yes = ["Smith", "Jones", "Nguyen", "O'Brien", "Walker", "Harris"]
    no = ["Papadopoulos", "Kelly", "Fraser"]
    fl = res("7.1", "RESOLUTION 2024/144", "Moved Cr Smith, Seconded Cr Jones.",
             ["That Council approve Development Application DA2024/0087 for a 12 lot subdivision at "
              "155 Wattle Road, Yarrabee, subject to the conditions of consent in Attachment 1."],
             "CARRIED 6/3", "carried", {"for": 6, "against": 3, "yeas": yes, "nays": no},
             division="Division: For: Crs Smith, Jones, Nguyen, O'Brien, Walker and Harris. "
                      "Against: Crs Papadopoulos, Kelly and Fraser.")
    pp.question("Was the Wattle Road subdivision approved, and how did councillors vote?",
                ["That Council approve Development Application DA2024/0087 for a 12 lot subdivision "
                 "at 155 Wattle Road, Yarrabee, subject to the conditions of consent in Attachment 1."
                 " CARRIED 6/3"], fl[2])
    head("7.2", h2)
    res("7.2", "RESOLUTION 2024/145", "Moved Cr Walker, Seconded Cr Kelly.",
        ["That Council receive and note the Investment Report for June 2024."],
        "CARRIED 9/0", "carried", {"for": 9, "against": 0})
    head("7.3", h2)
    res("7.3", "MOTION", "Moved Cr Fraser, Seconded Cr Kelly.",
        ["That Council adopt the name 'Drovers Lane' for the unnamed lane off Bridge Street."],
        "LOST 4/5", "lost", {"for": 4, "against": 5}, kind="motion")
    fl = res("7.3", "RESOLUTION 2024/146", "Moved Cr Harris, Seconded Cr O'Brien.",
             ["That Council:",
              "1.&nbsp;&nbsp;propose the name 'Ironbark Lane' for the unnamed lane off Bridge "
              "Street; and",
              "2.&nbsp;&nbsp;advertise the proposed name for 28 days and, if no objections are "
              "received, submit it to the Geographical Names Board."],
             "CARRIED 5/4", "carried", {"for": 5, "against": 4})
    pp.question("What is the lane off Bridge Street going to be called?",
                ["propose the name 'Ironbark Lane' for the unnamed lane off Bridge Street; and"],
                fl[3])
    head("8")
    head("8.1", h2)
    res("8.1", "MOTION", "Moved Cr Papadopoulos, Seconded Cr Fraser.",
        ["That Council hold a free green waste drop-off weekend at the Yarrabee Waste Management "
         "Facility in October 2024."], "LOST 3/6", "lost", {"for": 3, "against": 6}, kind="motion")
    head("9")
    res("9", "RESOLUTION 2024/147", "Moved Cr Jones, Seconded Cr Walker.",
        ["That Council move into Closed Council to consider the business identified in Item 9.1, "
         "in accordance with section 10A(2)(d)(i) of the Local Government Act 1993."],
        "CARRIED 9/0", "carried", {"for": 9, "against": 0})
    head("9.1", h2)
    res("9.1", "RESOLUTION 2024/148", "Moved Cr O'Brien, Seconded Cr Nguyen.",
        ["That Council accept the tender from Midstate Quarries Pty Ltd for the supply and delivery "
         "of road base for a period of two years from 1 September 2024 at the schedule of rates "
         "submitted."], "CARRIED 9/0", "carried", {"for": 9, "against": 0})
    pp.add(Paragraph("Open Council resumed at 7.10pm and the Mayor read out the resolution made in "
                     "Closed Council.", body))
    head("10")
    pp.add(Paragraph("The meeting closed at 7.18pm.", body))
    pp.add(Paragraph("The minutes of this meeting were confirmed at the Ordinary Meeting of Council "
                     "held on 27 August 2024.", body))
    pp.add(Spacer(1, 20), Paragraph("...................................................<br/>"
                                    "CHAIRPERSON", body))
    L["notes"] = ("Australian (NSW InfoCouncil-style) minutes: a cover page, an 'Order of Business' "
                  "contents page that lists every item with its page (items are labelled where they "
                  "start in the minutes proper, not the contents page), then the minutes. Each "
                  "RESOLUTION/MOTION block is quoted from its heading to its CARRIED/LOST line; the "
                  "division names printed after 'CARRIED 6/3' are in votes. The Mayoral Minute is "
                  "moved without a seconder. Body is 'Council' (an ordinary meeting of the full "
                  "council). Decoy dates: previous minutes 25 June 2024, confirmation at the "
                  "27 August 2024 meeting, deadline 30 June 2025, tender from 1 September 2024.")
    return pp


# ---------------------------------------------------------------------------
# 12. NHS foundation trust board minutes (minute references TB/24/nn)
# ---------------------------------------------------------------------------

# long: one paper's text and layout, written out as data
def p_nhs_board_minutes():
    MD = "2024-07-25"

    def furniture(c, page, total, ps):
        c.setFillColor(colors.HexColor("#005eb8"))
        c.rect(ps[0] - 38 * mm, ps[1] - 19 * mm, 18 * mm, 8 * mm, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont("Helvetica-BoldOblique", 13)
        c.drawCentredString(ps[0] - 29 * mm, ps[1] - 16.8 * mm, "NHS")
        c.setFillColor(colors.HexColor("#005eb8"))
        c.setFont("Helvetica-Bold", 9)
        c.drawRightString(ps[0] - 20 * mm, ps[1] - 23 * mm, "Northdale Teaching Hospitals")
        c.setFont("Helvetica", 9)
        c.drawRightString(ps[0] - 20 * mm, ps[1] - 27 * mm, "NHS Foundation Trust")
        c.setFillColor(colors.black)
        c.setFont("Helvetica", 8)
        c.drawString(20 * mm, 11 * mm, "Board of Directors (Public) \u2013 25.07.2024")
        c.drawRightString(ps[0] - 20 * mm, 11 * mm, "Page %d of %s" % (page, _pg(total)))

    pp = Paper(A4, (20 * mm, 20 * mm, 32 * mm, 20 * mm), furniture,
               title="Board of Directors Public Minutes 25/07/2024", author="Company Secretary")
    L = pp.label
    L.update(organisation="Northdale Teaching Hospitals NHS Foundation Trust",
             body="Board of Directors", doc_type="minutes", meeting_date=MD, document_date=None)

    title = style("t", "Helvetica-Bold", 14, 18, spaceAfter=4)
    body = style("b", "Helvetica", 9.5, 12.5, spaceAfter=4)
    bold = style("bo", "Helvetica-Bold", 9.5, 12.5, spaceAfter=3)
    ref = style("ref", "Helvetica-Bold", 9.5, 12.5)

    first = pp.add(Paragraph("Minutes of the Board of Directors Meeting held in Public \u2013 "
                             "25/07/2024", title))
    pp.part("minutes", "Minutes of the Board of Directors Meeting held in Public", first)
    meta = Table([["Date:", "Thursday 25 July 2024"], ["Time:", "09:30 \u2013 12:45"],
                  ["Venue:", "Boardroom, Northdale General Hospital, and via MS Teams"]],
                 colWidths=[22 * mm, 148 * mm])
    meta.setStyle(TableStyle([("FONT", (0, 0), (0, -1), "Helvetica-Bold", 9.5),
                              ("FONT", (1, 0), (1, -1), "Helvetica", 9.5),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    pp.add(meta, Spacer(1, 4))
    people = [("Present", ""), ("Prof Alan Whitfield", "Chair"),
              ("Dr Mei Lin Chang", "Chief Executive"),
              ("Sarah Pemberton", "Chief Nurse and Director of Patient Experience"),
              ("Dr Rupert Vance", "Medical Director"), ("Gillian Frost", "Chief Finance Officer"),
              ("Tariq Mahmood", "Non-Executive Director"), ("Helen Cross", "Non-Executive Director"),
              ("Andrew Bell", "Non-Executive Director (Senior Independent Director)"),
              ("In attendance", ""), ("Kofi Mensah", "Director of Operations"),
              ("Lucy Marsh", "Company Secretary (minutes)"),
              ("Apologies", ""), ("Dr Fiona Reid", "Non-Executive Director")]
    pt = Table([[a, b] for a, b in people], colWidths=[55 * mm, 115 * mm])
    st = [("FONT", (0, 0), (-1, -1), "Helvetica", 9), ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
          ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    for i, (a, b) in enumerate(people):
        if not b:
            st += [("SPAN", (0, i), (1, i)), ("FONT", (0, i), (0, i), "Helvetica-Bold", 9),
                   ("BACKGROUND", (0, i), (1, i), colors.HexColor("#e6eef7"))]
    pt.setStyle(TableStyle(st))
    pp.add(pt, Spacer(1, 8))

    def minute(refno, title, paras, decisions=()):
        """decisions: list of (text, outcome). Returns the list of cell paragraphs."""
        cell = [Paragraph(title, bold)]
        for x in paras:
            cell.append(Paragraph(x, body))
        for text, outcome in decisions:
            cell.append(Paragraph(text, body))
            pp.decision([text], "resolution", outcome, None, MD)
        t = Table([[Paragraph(refno, ref), cell]], colWidths=[24 * mm, 146 * mm])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEABOVE", (0, 0), (-1, 0), 0.4, colors.grey),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2),
                               ("TOPPADDING", (0, 0), (-1, -1), 4)]))
        pp.item(None, refno, title, t)
        pp.add(t)
        return t

    minute("TB/24/55", "Welcome, introductions and apologies",
           ["The Chair welcomed members of the Board and the public. Apologies were noted as above."])
    minute("TB/24/56", "Declarations of interest", ["No new declarations of interest were made."])
    minute("TB/24/57", "Minutes of the previous meeting held on 27 June 2024", [],
           [("The Board APPROVED the minutes of the meeting held on 27 June 2024 as an accurate "
             "record.", "approved")])
    minute("TB/24/58", "Matters arising and action log",
           ["Action TB/24/31 (ward staffing review) was closed."],
           [("The Board NOTED the action log.", "noted")])
    minute("TB/24/59", "Patient story",
           ["The Chief Nurse introduced a recorded account from a patient whose discharge from the "
            "stroke unit had been delayed by eleven days while a care package was arranged. The "
            "Board thanked the patient for sharing her experience."])
    minute("TB/24/60", "Chief Executive's report",
           ["The Chief Executive highlighted that the new Community Diagnostic Centre at Eastfield "
            "is due to open on 2 December 2024, and that the Trust had been rated Good overall "
            "following the CQC well-led inspection."],
           [("The Board NOTED the Chief Executive's report.", "noted")])
    ipr = minute("TB/24/61", "Integrated Performance Report \u2013 Month 3 2024/25",
                 ["The Director of Operations reported that 71.8% of patients attending the "
                  "Emergency Department were seen within four hours in June, against the national "
                  "standard of 78% by March 2025.",
                  "The number of patients waiting more than 65 weeks for treatment had fallen to "
                  "212, and the Trust remained on track to eliminate 65-week waits by 30 September "
                  "2024."],
                 [("The Board NOTED the Integrated Performance Report and the actions being taken "
                   "to reduce 65-week waits.", "noted")])
    pp.question("What proportion of A and E patients were dealt with inside four hours in June "
                "2024?", ["71.8% of patients attending the Emergency Department were seen within "
                          "four hours in June"], ipr)
    pp.question("How many people had been waiting more than 65 weeks for treatment?",
                ["The number of patients waiting more than 65 weeks for treatment had fallen to 212"],
                ipr)
    minute("TB/24/62", "Maternity and Neonatal Safety Report",
           ["The Chief Nurse presented the quarterly report, including the perinatal mortality "
            "review findings."],
           [("The Board APPROVED the Trust's declaration of compliance with all ten safety actions "
             "of the Maternity Incentive Scheme Year 6, for submission by 3 March 2025.",
             "approved")])
    minute("TB/24/63", "Board Assurance Framework \u2013 Quarter 1 2024/25", [],
           [("The Board APPROVED the revised Board Assurance Framework, including the increase in "
             "the score of risk BAF 4 (workforce supply) from 16 to 20.", "approved")])
    minute("TB/24/64", "Green Plan annual update", [],
           [("The Board APPROVED the revised Green Plan target to reduce the Trust's direct carbon "
             "emissions by 47% by 2028 compared with 2019/20.", "approved")])
    minute("TB/24/65", "Any other business", ["There was no other business."])
    nx = minute("TB/24/66", "Date and time of next meeting",
                ["Thursday 26 September 2024 at 09:30, Boardroom, Northdale General Hospital."])
    pp.question("When is the next public board meeting of the trust?",
                ["Thursday 26 September 2024 at 09:30, Boardroom, Northdale General Hospital."], nx)
    pp.add(Spacer(1, 14), Paragraph("Signed as a correct record: ..................................... "
                                    "Chair&nbsp;&nbsp;&nbsp;Date: ....................", body))
    L["notes"] = ("NHS trust board minutes in a two-column table: each item is headed by its minute "
                  "reference (TB/24/55 - TB/24/66), no separate agenda numbers, so items have "
                  "number null and minute = the reference, and decisions have item null. "
                  "'The Board APPROVED/NOTED ...' sentences are the decisions. The header carries "
                  "the trust name; the footer 'Board of Directors (Public) \u2013 25.07.2024'. "
                  "Decoy dates: previous meeting 27 June 2024, 2 December 2024, 30 September 2024, "
                  "3 March 2025, next meeting 26 September 2024.")
    return pp


# ---------------------------------------------------------------------------
# 13. Covering letter enclosing supplementary agenda items
# ---------------------------------------------------------------------------

# long: one paper's text and layout, written out as data
def p_covering_letter():
    pp = Paper(A4, (25 * mm, 25 * mm, 20 * mm, 20 * mm), None,
               title="Supplementary Agenda Letter", author="Democratic Services")
    L = pp.label
    L.update(organisation="Ravensmoor Metropolitan Borough Council",
             body="Overview and Scrutiny Committee", doc_type="letter", meeting_date="2024-09-16",
             document_date="2024-09-10")

    lh = style("lh", "Times-Bold", 15, 18, alignment=TA_RIGHT)
    lh2 = style("lh2", "Times-Roman", 10, 12.5, alignment=TA_RIGHT)
    body = style("b", "Times-Roman", 11.5, 15, spaceAfter=8, alignment=TA_JUSTIFY)
    small = style("s", "Times-Roman", 10, 12.5)
    subj = style("sj", "Times-Bold", 11.5, 15, spaceAfter=8)

    first = pp.add(Paragraph("Ravensmoor Metropolitan Borough Council", lh))
    pp.part("letter", "Supplementary agenda letter", first)
    pp.add(Paragraph("Democratic Services<br/>Town Hall, Corporation Street<br/>Ravensmoor RM1 4TH",
                     lh2), Spacer(1, 10))
    ref = Table([
        [Paragraph("To: All Members of the Overview and Scrutiny Committee", small),
         Paragraph("Please ask for: Joanne Pettifer<br/>Direct line: 01632 963310<br/>"
                   "Email: democracy@ravensmoor.gov.uk<br/>Our ref: JP/OSC<br/>"
                   "Date: 10 September 2024", small)]], colWidths=[85 * mm, 75 * mm])
    ref.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    pp.add(ref, Spacer(1, 14))
    pp.add(Paragraph("Dear Councillor,", body))
    s = pp.add(Paragraph("OVERVIEW AND SCRUTINY COMMITTEE \u2013 MONDAY, 16TH SEPTEMBER, 2024", subj))
    pp.question("What date is the scrutiny committee meeting these extra papers are for?",
                ["OVERVIEW AND SCRUTINY COMMITTEE \u2013 MONDAY, 16TH SEPTEMBER, 2024"], s)
    enc = pp.add(Paragraph("I am now able to enclose, for consideration at the above meeting of the "
                           "Overview and Scrutiny Committee, the following reports which were marked "
                           "\u2018to follow\u2019 on the agenda published on 6 September 2024:", body))
    pp.question("Why were these scrutiny reports sent separately from the agenda?",
                ["the following reports which were marked \u2018to follow\u2019 on the agenda "
                 "published on 6 September 2024:"], enc)
    it = style("it", "Times-Bold", 11.5, 15)
    pr = style("pr", "Times-Roman", 11, 15, alignment=TA_RIGHT)
    for num, title, pages in [("6", "Revenue Budget Monitoring 2024/25 \u2013 Period 4",
                               "(Pages 1 - 14)"),
                              ("9", "Children's Services Improvement Plan \u2013 Progress Update",
                               "(Pages 15 - 32)")]:
        t = Table([[Paragraph(num + ".", it), Paragraph(title, it), Paragraph(pages, pr)]],
                  colWidths=[12 * mm, 115 * mm, 33 * mm])
        t.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        pp.item(num, None, title, t)
        pp.add(t)
    pp.add(Spacer(1, 6))
    st = pp.add(Paragraph("The meeting will be held at 6.00 pm in Committee Room 1, Town Hall, "
                          "Ravensmoor. Please bring these reports with you to the meeting.", body))
    pp.question("What time does the scrutiny committee meeting start and where?",
                ["The meeting will be held at 6.00 pm in Committee Room 1, Town Hall, Ravensmoor."],
                st)
    pp.add(Paragraph("Yours sincerely,", body), Spacer(1, 4),
           Paragraph("Joanne Pettifer", style("sig", "Times-Italic", 16, 20)),
           Paragraph("Joanne Pettifer<br/>Democratic Services Manager", small),
           Spacer(1, 16), Paragraph("Enc.", small))
    L["notes"] = ("Covering letter ('Dear Councillor') enclosing two reports that were 'to follow' "
                  "for the Overview and Scrutiny Committee of 16 September 2024; items are the two "
                  "agenda items it encloses (6 and 9). document_date is the letter's date. "
                  "Decoy date: the agenda published on 6 September 2024. Single page, no "
                  "decisions.")
    return pp


# ---------------------------------------------------------------------------
# 14. Notice of postponement of a committee meeting
# ---------------------------------------------------------------------------

# long: one paper's text and layout, written out as data
def p_postponement_notice():
    pp = Paper(A4, (30 * mm, 30 * mm, 30 * mm, 25 * mm), None,
               title="Notice of postponement", author="Legal and Democratic Services")
    L = pp.label
    L.update(organisation="Castlemere Borough Council", body="Audit and Governance Committee",
             doc_type="notice", meeting_date="2024-10-03", document_date="2024-09-26")

    c1 = style("c1", "Helvetica-Bold", 14, 18, alignment=TA_CENTER, spaceAfter=16)
    c2 = style("c2", "Helvetica-Bold", 20, 25, alignment=TA_CENTER, spaceAfter=10)
    c3 = style("c3", "Helvetica-Bold", 14, 18, alignment=TA_CENTER, spaceAfter=22)
    body = style("b", "Helvetica", 12, 16.5, spaceAfter=12, alignment=TA_JUSTIFY)

    first = pp.add(Paragraph("CASTLEMERE BOROUGH COUNCIL", c1))
    pp.part("notice", "Notice of Postponement of Meeting", first)
    pp.add(Paragraph("NOTICE OF POSTPONEMENT OF MEETING", c2))
    pp.add(Paragraph("AUDIT AND GOVERNANCE COMMITTEE", c3))
    pp.add(Paragraph("Notice is hereby given that the meeting of the Audit and Governance Committee "
                     "which was due to be held at 7.00 pm on Thursday 3 October 2024 in Committee "
                     "Room 2, Castlemere House, Abbey Road, Castlemere has been <b>POSTPONED</b>.",
                     body))
    nw = pp.add(Paragraph("The meeting will now be held at 7.00 pm on Thursday 17 October 2024 at the "
                          "same venue. A revised agenda will be published no later than Wednesday "
                          "9 October 2024.", body))
    pp.question("When will the postponed audit committee meeting happen instead?",
                ["The meeting will now be held at 7.00 pm on Thursday 17 October 2024 at the same "
                 "venue."], nw)
    why = pp.add(Paragraph("The postponement is to allow the external auditor's Audit Findings "
                           "Report for 2023/24, which was not available by the publication "
                           "deadline, to be considered alongside the Statement of Accounts.", body))
    pp.question("Why has the audit and governance meeting been put back?",
                ["to allow the external auditor's Audit Findings Report for 2023/24, which was not "
                 "available by the publication deadline, to be considered alongside the Statement "
                 "of Accounts."], why)
    pp.add(Paragraph("Members of the public who had registered to attend will be contacted by "
                     "Democratic Services.", body))
    pp.add(Spacer(1, 24))
    pp.add(Paragraph("Dated this 26th day of September 2024", body))
    pp.add(Spacer(1, 12), Paragraph("Alison Kerr<br/>Head of Legal and Democratic Services<br/>"
                                    "Castlemere House, Abbey Road, Castlemere CM2 6AB",
                                    style("s", "Helvetica", 11, 14.5)))
    L["notes"] = ("Notice of postponement: meeting_date is the postponed meeting (3 October 2024); "
                  "the rearranged date (17 October 2024) and the revised agenda deadline (9 October "
                  "2024) are decoys. document_date from 'Dated this 26th day of September 2024'. "
                  "One page, no items or decisions.")
    return pp


# ---------------------------------------------------------------------------
# 15. Standalone officer report to a Licensing Committee
# ---------------------------------------------------------------------------

# long: one paper's text and layout, written out as data
def p_licensing_report():
    def furniture(c, page, total, ps):
        c.setFont("Helvetica", 8.5)
        c.drawString(22 * mm, 12 * mm, "Licensing Committee \u2013 21 October 2024")
        c.drawRightString(ps[0] - 22 * mm, 12 * mm, "Page %d" % page)
        if page == 1:
            c.setFont("Helvetica-Bold", 9)
            c.drawRightString(ps[0] - 22 * mm, ps[1] - 14 * mm, "Agenda Item 7")

    pp = Paper(A4, (22 * mm, 22 * mm, 22 * mm, 22 * mm), furniture,
               title="Report - Statement of Principles Gambling Act 2005",
               author="Regulatory Services")
    L = pp.label
    L.update(organisation="Kingsholme City Council", body="Licensing Committee", doc_type="report",
             meeting_date="2024-10-21", document_date="2024-10-09")

    org = style("org", "Helvetica-Bold", 18, 22, spaceAfter=10)
    lab = style("lab", "Helvetica-Bold", 10.5, 13.5)
    val = style("val", "Helvetica", 10.5, 13.5)
    h = style("h", "Helvetica-Bold", 11.5, 14.5, spaceBefore=10, spaceAfter=5, keepWithNext=1)
    body = style("b", "Helvetica", 10.5, 14, spaceAfter=6)
    rec = style("rec", "Helvetica", 10.5, 14, leftIndent=9 * mm, firstLineIndent=-9 * mm,
                spaceAfter=4)

    first = pp.add(Paragraph("Kingsholme City Council", org))
    pp.part("report", "Statement of Principles under the Gambling Act 2005 \u2013 Review 2025 to 2028",
            first)
    cover = Table([
        [Paragraph("Report to:", lab), Paragraph("Licensing Committee", val)],
        [Paragraph("Date:", lab), Paragraph("21 October 2024", val)],
        [Paragraph("Report of:", lab), Paragraph("Head of Regulatory Services", val)],
        [Paragraph("Subject:", lab), Paragraph("Statement of Principles under the Gambling Act 2005 "
                                              "\u2013 Review 2025 to 2028", val)],
        [Paragraph("Wards affected:", lab), Paragraph("All", val)],
        [Paragraph("Key decision:", lab), Paragraph("No", val)],
        [Paragraph("Report dated:", lab), Paragraph("9 October 2024", val)],
    ], colWidths=[40 * mm, 126 * mm])
    cover.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eeeeee"))]))
    pp.add(cover)
    pp.add(Paragraph("1.&nbsp;&nbsp;Purpose of report", h))
    pp.add(Paragraph("1.1&nbsp;&nbsp;To report the outcome of the consultation on the draft revised "
                     "Statement of Principles (the gambling policy) and to seek the Committee's "
                     "recommendation to Council.", body))
    pp.add(Paragraph("2.&nbsp;&nbsp;Recommendation(s)", h))
    rl = ["That the Licensing Committee:",
          "(i)&nbsp;&nbsp;notes the responses received to the consultation on the draft Statement "
          "of Principles, summarised in Appendix B; and",
          "(ii)&nbsp;&nbsp;recommends to Council that the revised Statement of Principles under the "
          "Gambling Act 2005 be adopted with effect from 31 January 2025."]
    pp.add(Paragraph(rl[0], body))
    pp.add(Paragraph(rl[1], rec))
    r2 = pp.add(Paragraph(rl[2], rec))
    pp.question("When would the revised gambling policy start to apply?",
                ["recommends to Council that the revised Statement of Principles under the Gambling "
                 "Act 2005 be adopted with effect from 31 January 2025."], r2)
    pp.add(Paragraph("3.&nbsp;&nbsp;Background", h))
    pp.add(HyphPara(
        "3.1 Section 349 of the Gambling Act 2005 re~quires each li~cens~ing au~thor~ity to "
        "pre~pare and pub~lish a state~ment of the prin~ci~ples that it pro~poses to apply in "
        "ex~er~cis~ing its func~tions under the Act, and to review it at least every three years. "
        "The Council's current state~ment took effect on 31 January 2022. The draft re~vised "
        "state~ment has been pre~pared having regard to the Guid~ance to Li~cens~ing Au~thor~i~ties "
        "issued by the Gam~bling Com~mis~sion and in~cor~po~rates the Council's local area "
        "pro~file of gam~bling-related harm.", "Helvetica", 10.5, 14, spaceAfter=6))
    pp.add(Paragraph("4.&nbsp;&nbsp;Consultation", h))
    cons = pp.add(Paragraph("4.1&nbsp;&nbsp;The consultation ran from 1 July 2024 to 23 August 2024 "
                            "and 14 responses were received.", body))
    pp.question("How many replies did the council get to its gambling policy consultation?",
                ["The consultation ran from 1 July 2024 to 23 August 2024 and 14 responses were "
                 "received."], cons)
    ct = Table([["Respondent", "Responses"], ["Gambling operators and trade bodies", "5"],
                ["Responsible authorities", "3"], ["Faith and community groups", "2"],
                ["Local residents", "3"], ["Ward councillors", "1"], ["Total", "14"]],
               colWidths=[110 * mm, 30 * mm])
    ct.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica", 10),
                            ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 10),
                            ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 10),
                            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                            ("ALIGN", (1, 0), (1, -1), "CENTER")]))
    pp.add(ct, Spacer(1, 6))
    pp.add(HyphPara(
        "4.2 Most re~spon~dents sup~ported the draft. The in~dus~try re~sponses asked the Council "
        "to remove the ex~pec~ta~tion that premises in the city centre cu~mu~la~tive impact zone "
        "should carry out en~hanced local risk as~sess~ments; officers do not rec~om~mend this "
        "change, for the reasons set out in Appendix B.", "Helvetica", 10.5, 14, spaceAfter=6))
    pp.add(Paragraph("5.&nbsp;&nbsp;Main changes to the Statement", h))
    for b in ["5.1&nbsp;&nbsp;an updated local area profile, including new data on problem gambling "
              "support referrals;",
              "5.2&nbsp;&nbsp;a new section on the Council's approach to gambling premises near "
              "schools and youth facilities; and",
              "5.3&nbsp;&nbsp;revised guidance on the content of local risk assessments."]:
        pp.add(Paragraph(b, rec))
    pp.add(Paragraph("6.&nbsp;&nbsp;Financial implications", h))
    fin = pp.add(Paragraph("6.1&nbsp;&nbsp;The costs of the review, including the consultation, have "
                           "been met from the existing Licensing Service budget.", body))
    pp.question("Does reviewing the gambling policy need any extra money?",
                ["The costs of the review, including the consultation, have been met from the "
                 "existing Licensing Service budget."], fin)
    pp.add(Paragraph("7.&nbsp;&nbsp;Legal implications", h))
    pp.add(Paragraph("7.1&nbsp;&nbsp;Adoption of the Statement is a function reserved to full Council. "
                     "The revised Statement must be published at least four weeks before it takes "
                     "effect, that is by 3 January 2025.", body))
    pp.add(Paragraph("8.&nbsp;&nbsp;Equality implications", h))
    pp.add(Paragraph("8.1&nbsp;&nbsp;An equality impact assessment has been completed and is "
                     "available as a background paper. No adverse impacts were identified.", body))
    pp.add(Paragraph("9.&nbsp;&nbsp;Background papers", h))
    pp.add(Paragraph("Gambling Commission, Guidance to Licensing Authorities (5th edition); "
                     "consultation responses (available on request).", body))
    pp.add(Spacer(1, 8), Paragraph("<b>Contact officer:</b> Priya Raman, Licensing Manager, "
                                   "licensing@kingsholme.gov.uk", body))
    L["notes"] = ("Standalone officer report to the Licensing Committee of 21 October 2024 "
                  "(cover sheet 'Date:' = meeting date); 'Report dated: 9 October 2024' is the "
                  "document_date. The recommendations are not decisions, so decisions is empty. "
                  "Decoy dates: current statement 31 January 2022, consultation 1 July - 23 August "
                  "2024, adoption from 31 January 2025, publication by 3 January 2025.")
    return pp


# ---------------------------------------------------------------------------
# 16. Landscape appendix table: capital programme (no meeting, no organisation named)
# ---------------------------------------------------------------------------

# long: one paper's text and layout, written out as data
def p_capital_appendix():
    def furniture(c, page, total, ps):
        c.setFont("Helvetica", 7.5)
        c.drawString(15 * mm, 9 * mm, "Appendix B \u2013 Capital Programme Quarter 2 2024/25")
        c.drawRightString(ps[0] - 15 * mm, 9 * mm, "Page %d of %s" % (page, _pg(total)))

    ps = landscape(A4)
    pp = Paper(ps, (15 * mm, 15 * mm, 14 * mm, 15 * mm), furniture,
               title="Appendix B Capital Programme Q2", author="Finance", creator="Microsoft Excel")
    L = pp.label
    L.update(organisation=None, body=None, doc_type="appendix", meeting_date=None,
             document_date=None)

    t = style("t", "Helvetica-Bold", 13, 16, spaceAfter=2)
    s = style("s", "Helvetica", 9, 11, spaceAfter=6)
    cell = style("cell", "Helvetica", 7.2, 8.6)
    note = style("note", "Helvetica", 9, 11.5, spaceAfter=5)

    ab = pp.add(Paragraph("Appendix B", style("ab", "Helvetica-Bold", 11, 13, alignment=TA_RIGHT)))
    pp.part("appendix", "Capital Programme 2024/25 to 2027/28 \u2013 Quarter 2 Monitoring", ab)
    pp.add(Paragraph("Capital Programme 2024/25 to 2027/28 \u2013 Quarter 2 Monitoring", t))
    pp.add(Paragraph("All figures £000. Variance = 2024/25 forecast less 2024/25 budget "
                     "(positive = overspend). Total = 2024/25 forecast plus later years.", s))

    groups = [
        ("Place", [
            ("P01", "Riverside Leisure Centre refurbishment", 3250, 3662, 1100, 0, 0, "Red",
             "Asbestos found in plant room; completion now expected June 2025"),
            ("P02", "Town centre public realm (Levelling Up Fund)", 2480, 1930, 3900, 1200, 0,
             "Amber", "Phase 2 slipped to 2025/26; grant spend deadline applies (Note 2)"),
            ("P03", "Highways resurfacing programme", 4100, 4100, 4100, 4100, 4100, "Green", ""),
            ("P04", "Car park lighting (LED)", 320, 295, 0, 0, 0, "Green", "Complete"),
            ("P05", "Cemetery extension, Hollins Road", 610, 180, 700, 0, 0, "Amber",
             "Planning consent awaited"),
        ]),
        ("People", [
            ("C01", "Schools condition programme", 2900, 2875, 2500, 2500, 2500, "Green", ""),
            ("C02", "SEND resource base, Oakfield Primary", 1450, 1610, 0, 0, 0, "Amber",
             "Tender prices above estimate"),
            ("C03", "Disabled Facilities Grants", 1820, 1820, 1820, 1820, 1820, "Green", ""),
            ("C04", "Adult day centre replacement", 500, 120, 3400, 2100, 0, "Amber",
             "Design stage; contract award January 2025"),
        ]),
        ("Resources", [
            ("R01", "ICT infrastructure refresh", 780, 780, 650, 400, 400, "Green", ""),
            ("R02", "Civic Centre roof and solar PV", 1150, 1150, 0, 0, 0, "Green",
             "Works start 4 November 2024"),
            ("R03", "Vehicle fleet replacement", 1600, 1240, 1750, 1500, 1200, "Amber",
             "Electric refuse vehicles: 16 week lead time"),
        ]),
    ]

    def f(n):
        if n == 0:
            return "-"
        return ("(%s)" % format(-n, ",")) if n < 0 else format(n, ",")

    head = ["Ref", "Scheme", "2024/25\nBudget", "2024/25\nForecast", "Variance", "2025/26",
            "2026/27", "2027/28", "Total", "RAG", "Comment"]
    data = [head]
    styles = [("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 7.5),
              ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f3864")),
              ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
              ("FONT", (0, 1), (-1, -1), "Helvetica", 7.5),
              ("ALIGN", (2, 0), (8, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
              ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#999999"))]
    grand = [0] * 7
    rag_col = {"Red": "#f4b6b6", "Amber": "#fde3a7", "Green": "#c6e6c3"}
    for gname, rows in groups:
        data.append([gname] + [""] * 10)
        r = len(data) - 1
        styles += [("SPAN", (0, r), (-1, r)), ("FONT", (0, r), (-1, r), "Helvetica-Bold", 7.5),
                   ("BACKGROUND", (0, r), (-1, r), colors.HexColor("#d9e1f2"))]
        sub = [0] * 7
        for ref, name, bud, fc, y2, y3, y4, rag, com in rows:
            var = fc - bud
            tot = fc + y2 + y3 + y4
            vals = [bud, fc, var, y2, y3, y4, tot]
            sub = [a + b for a, b in zip(sub, vals)]
            data.append([ref, Paragraph(name, cell)] + [f(v) for v in vals] +
                        [rag, Paragraph(com, cell)])
            rr = len(data) - 1
            styles.append(("BACKGROUND", (9, rr), (9, rr), colors.HexColor(rag_col[rag])))
        data.append(["", "Total " + gname] + [f(v) for v in sub] + ["", ""])
        rr = len(data) - 1
        styles.append(("FONT", (0, rr), (-1, rr), "Helvetica-Bold", 7.5))
        grand = [a + b for a, b in zip(grand, sub)]
    data.append(["", "TOTAL CAPITAL PROGRAMME"] + [f(v) for v in grand] + ["", ""])
    rr = len(data) - 1
    styles += [("FONT", (0, rr), (-1, rr), "Helvetica-Bold", 7.5),
               ("LINEABOVE", (0, rr), (-1, rr), 1.0, colors.black)]
    tab = Table(data, colWidths=[10 * mm, 62 * mm, 17 * mm, 17 * mm, 16 * mm, 16 * mm, 16 * mm,
                                 16 * mm, 17 * mm, 12 * mm, 68 * mm], repeatRows=1)
    tab.setStyle(TableStyle(styles))
    pp.add(tab)
    assert grand[0] == 20960 and grand[1] == 19762, grand  # budget / forecast totals quoted below

    # page 2: funding and notes
    pp.add(PageBreak())
    pp.add(Paragraph("Funding of the 2024/25 forecast", t))
    fund = [("Prudential borrowing", 8240), ("Government grants", 7135),
            ("Capital receipts", 2410), ("Section 106 and CIL contributions", 1277),
            ("Revenue contributions", 700)]
    assert sum(v for _, v in fund) == grand[1]
    ft = Table([["Source", "£000"]] + [[a, format(b, ",")] for a, b in fund] +
               [["Total", format(grand[1], ",")]], colWidths=[80 * mm, 30 * mm])
    ft.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica", 9),
                            ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
                            ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 9),
                            ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey)]))
    pp.add(ft, Spacer(1, 10), Paragraph("Notes", style("nh", "Helvetica-Bold", 10, 13,
                                                        spaceAfter=4)))
    n1 = pp.add(Paragraph("Note 1: Asbestos was discovered in the plant room at Riverside Leisure "
                          "Centre in July, adding £412k to the 2024/25 cost. The additional cost "
                          "will be met from the capital contingency.", note))
    pp.question("Why is the Riverside Leisure Centre refurbishment costing more than planned?",
                ["Asbestos was discovered in the plant room at Riverside Leisure Centre in July, "
                 "adding £412k to the 2024/25 cost."], n1)
    n2 = pp.add(Paragraph("Note 2: Phase 2 of the town centre public realm scheme has been re-phased "
                          "into 2025/26. The Levelling Up Fund grant must be spent by 31 March "
                          "2026.", note))
    pp.question("What is the deadline for spending the town centre Levelling Up money?",
                ["The Levelling Up Fund grant must be spent by 31 March 2026."], n2)
    n3 = pp.add(Paragraph("Note 3: The 2024/25 forecast of £19,762k is £1,198k below the budget of "
                          "£20,960k, mainly because of slippage on the cemetery extension, the adult "
                          "day centre and the vehicle fleet programme.", note))
    pp.question("How far is this year's capital spending forecast below budget?",
                ["The 2024/25 forecast of £19,762k is £1,198k below the budget of £20,960k"], n3)
    L["notes"] = ("Landscape capital programme appendix (a table drawn over one page, funding table "
                  "and notes on the second). It names no organisation and no meeting or committee, "
                  "so organisation, body and both dates are null; dates in the comments and notes "
                  "(June 2025, January 2025, 4 November 2024, 31 March 2026) are body text.")
    return pp


MAKERS = [
    p_planning_agenda,          # 01
    p_scottish_minute,          # 02
    p_welsh_cabinet,            # 03
    p_police_panel_pack,        # 04
    p_fire_officer_decision,    # 05
    p_cabinet_member_decision,  # 06
    p_town_council_minutes,     # 07
    p_us_city_minutes,          # 08
    p_school_board_agenda,      # 09
    p_canadian_agenda_pack,     # 10
    p_australian_minutes,       # 11
    p_nhs_board_minutes,        # 12
    p_covering_letter,          # 13
    p_postponement_notice,      # 14
    p_licensing_report,         # 15
    p_capital_appendix,         # 16
]




def main(argv):
    write_labels = "--labels" in argv
    os.makedirs(PDF_DIR, exist_ok=True)
    if write_labels:
        os.makedirs(LABEL_DIR, exist_ok=True)
    for n, maker in enumerate(MAKERS, start=1):
        fname = "paper-%02d.pdf" % n
        lab, pages = build(maker, fname)
        size = os.path.getsize(os.path.join(PDF_DIR, fname))
        print("%s  %d page(s)  %6d bytes  %s" % (fname, pages, size, lab["doc_type"]))
        if write_labels:
            with open(os.path.join(LABEL_DIR, fname[:-4] + ".json"), "w", encoding="utf-8") as f:
                json.dump(lab, f, indent=2, ensure_ascii=False)
                f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
