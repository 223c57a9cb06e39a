package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The renderers below read a document and write it in one format; none computes or
// rounds a figure. csv and json write the data tables' exact values, the others the
// people tables' display text.

// peopleList is how many of a note's rows table, markdown and html list; json and
// -table notes list up to listCap.
const peopleList = 20

// render writes d in format. only names the one table to write ("" for the format's
// default: csv writes main, the others every table).
func render(w io.Writer, d *document, format, only string) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	switch format {
	case "csv":
		name := only
		if name == "" {
			name = d.main()
		}
		err = writeCSV(bw, d.table(name))
	case "json":
		err = writeJSON(bw, d, only)
	default:
		// The formats people read: written whole, then scrubbed of what input could
		// smuggle past escaping into what they see (see scrub).
		var page bytes.Buffer
		switch format {
		case "markdown":
			err = writeMarkdown(&page, d, only)
		case "html":
			err = writeHTML(&page, d, only)
		default:
			err = writeTable(&page, d, only)
		}
		if err == nil {
			_, err = bw.Write(scrub(page.Bytes()))
		}
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// scrub returns out with every character that input may carry and a reader must not
// be shown replaced by U+FFFD: bytes that are not UTF-8 (an html page declares
// UTF-8), control characters other than tab and line breaks (an escape sequence
// that clears a terminal when the markdown is printed), and the bidirectional
// controls and separators (U+202E reverses the figures after it on the screen).
// The report's own text has none of them, so only input's are replaced.
func scrub(out []byte) []byte {
	if utf8.Valid(out) && !bytes.ContainsFunc(out, hidden) {
		return out
	}
	return bytes.Map(func(r rune) rune {
		if r == utf8.RuneError || hidden(r) {
			return '\uFFFD'
		}
		return r
	}, out)
}

// hidden reports whether r is a character scrub replaces.
func hidden(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case isControl(r):
		return true
	case r == '\u061c' || r == '\u200e' || r == '\u200f' || r == '\u2028' || r == '\u2029':
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}

// main is the table csv writes by default: the first data table.
func (d *document) main() string {
	for _, t := range d.tables {
		if t.data {
			return t.name
		}
	}
	return ""
}

// table returns the data table named name.
func (d *document) table(name string) *table {
	for _, t := range d.tables {
		if t.data && t.name == name {
			return t
		}
	}
	return &table{name: name, data: true}
}

// peopleTables returns the tables shown to people, of family only when it is given;
// page is whether they are for the page, which shows the tables a terminal shows
// only on request.
func (d *document) peopleTables(only string, page bool) []*table {
	var out []*table
	for _, t := range d.tables {
		if t.people && (only == "" && (page || !t.textOnRequest) || t.family == only || only == "cohort_average" && t.family == "cohorts") {
			out = append(out, t)
		}
	}
	return out
}

// writeCSV writes one data table: a header of its keys, then a row per row, every
// value exact, an undefined one empty.
func writeCSV(w io.Writer, t *table) error {
	c := csv.NewWriter(w)
	idx := t.dataCols()
	rec := make([]string, len(idx))
	for i, j := range idx {
		rec[i] = t.cols[j].key
	}
	if err := c.Write(rec); err != nil {
		return err
	}
	for _, row := range t.rows {
		for i, j := range idx {
			rec[i] = row[j].exact
		}
		if err := c.Write(rec); err != nil {
			return err
		}
	}
	c.Flush()
	return c.Error()
}

// writeJSON writes d as one json object: "command", the document's fields, "notes",
// "tiles", then "tables", each a list of rows keyed by the columns' keys. A table's
// rows are written one to a line, so the file reads and diffs well; they stream to
// w, so a long table is never held twice.
func writeJSON(w *bufio.Writer, d *document, only string) error {
	w.WriteString("{\n")
	field := func(key string, raw string) {
		w.WriteString("  " + quote(key) + ": " + raw + ",\n")
	}
	field("command", quote(d.command))
	for _, m := range d.meta {
		raw, err := marshal(m.value)
		if err != nil {
			return err
		}
		field(m.key, raw)
	}
	var notes []string
	for _, n := range d.notes {
		obj := orderedMap{{"summary", n.summary}}
		if n.count > 0 { // a note about rows; the notes table lists them
			obj = append(obj, metaField{"rows", n.count})
		}
		raw, err := marshal(obj)
		if err != nil {
			return err
		}
		notes = append(notes, quote(n.key)+": "+raw)
	}
	field("notes", "{"+strings.Join(notes, ", ")+"}")
	if len(d.tiles) > 0 {
		var tiles []string
		for _, t := range d.tiles {
			raw, err := marshal(orderedMap{{"value", jsonCell(t.value)}, {"change", jsonCell(t.change)}})
			if err != nil {
				return err
			}
			tiles = append(tiles, "      "+quote(t.key)+": "+raw)
		}
		field("tiles", "{\n    \"period\": "+quote(d.tileFor)+",\n    \"previous\": "+quote(d.tilePrev)+",\n    \"figures\": {\n"+strings.Join(tiles, ",\n")+"\n    }\n  }")
	}
	w.WriteString("  \"tables\": {")
	first := true
	var buf []byte
	for _, t := range d.tables {
		if !t.data || (only != "" && t.name != only) {
			continue
		}
		if !first {
			w.WriteByte(',')
		}
		first = false
		w.WriteString("\n    " + quote(t.name) + ": [")
		idx := t.dataCols()
		keys := make([]string, len(idx))
		for i, j := range idx {
			keys[i] = quote(t.cols[j].key) + ":"
		}
		for r, row := range t.rows {
			buf = buf[:0]
			if r > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, "\n      {"...)
			for i, j := range idx {
				if i > 0 {
					buf = append(buf, ',')
				}
				buf = append(buf, keys[i]...)
				buf = appendJSONCell(buf, row[j])
			}
			buf = append(buf, '}')
			if _, err := w.Write(buf); err != nil {
				return err
			}
		}
		if len(t.rows) > 0 {
			w.WriteString("\n    ")
		}
		w.WriteByte(']')
	}
	_, err := w.WriteString("\n  }\n}\n")
	return err
}

// appendJSONCell appends a cell's json value: null when undefined, a number for a
// count, else a string.
func appendJSONCell(buf []byte, c cell) []byte {
	switch {
	case c.null:
		return append(buf, "null"...)
	case c.num:
		return append(buf, c.exact...)
	}
	return appendJSONString(buf, c.exact)
}

// appendJSONString appends s as a json string, escaping what json requires and
// nothing else: the output is data, not a page.
func appendJSONString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			buf = append(buf, c)
			i++
			continue
		}
		if c < utf8.RuneSelf {
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, fmt.Sprintf("\\u%04x", c)...)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			buf = append(buf, "\\ufffd"...)
		case r == '\u2028' || r == '\u2029':
			buf = append(buf, fmt.Sprintf("\\u%04x", r)...)
		default:
			buf = append(buf, s[i:i+size]...)
		}
		i += size
	}
	return append(buf, '"')
}

// jsonCell is a cell's json value: null when undefined, a number for a count, else
// a string (decimals as strings, exact).
func jsonCell(c cell) any {
	switch {
	case c.null:
		return nil
	case c.num:
		return json.RawMessage(c.exact)
	}
	return c.exact
}

// MarshalJSON writes the fields in order.
func (m orderedMap) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, f := range m {
		if i > 0 {
			b.WriteByte(',')
		}
		raw, err := marshal(f.value)
		if err != nil {
			return nil, err
		}
		b.WriteString(quote(f.key) + ":" + raw)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// marshal is json.Marshal as a string, without html escaping: the json is data, not
// a page.
func marshal(v any) (string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

func quote(s string) string {
	raw, _ := marshal(s)
	return raw
}

// controls replaces the control characters of an input string (an escape sequence
// in a customer id) for the terminal, which would obey them, with U+FFFD.
func controls(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return '\uFFFD'
		}
		return r
	}, s)
}

func isControl(r rune) bool { return r < 0x20 || (r >= 0x7f && r < 0xa0) }

// width is the columns a string takes on a terminal.
func width(s string) int { return utf8.RuneCountInString(s) }

// termWidth is the width a terminal table fits.
const termWidth = 80

// block is a run of a table's people columns that fits a terminal.
type block struct {
	cols []int // indexes into the table's columns, the key columns first
}

// blocks splits t's people columns into runs that fit termWidth: each run repeats
// the key columns and adds whole groups while they fit, splitting a group only
// when it does not fit a run of its own.
func blocks(t *table, widths map[int]int) []block {
	people := t.peopleCols()
	keys := people[:min(t.keys, len(people))]
	rest := people[len(keys):]
	base := 0
	for _, k := range keys {
		base += widths[k] + 2
	}
	var out []block
	cur, used := []int{}, base
	flush := func() {
		if len(cur) > 0 {
			out = append(out, block{cols: append(append([]int{}, keys...), cur...)})
		}
		cur, used = []int{}, base
	}
	for i := 0; i < len(rest); {
		j := i // the group of rest[i] is rest[i:j]
		gw := 0
		for j < len(rest) && t.cols[rest[j]].group == t.cols[rest[i]].group {
			gw += widths[rest[j]] + 2
			j++
		}
		switch {
		case used+gw <= termWidth+2:
			cur, used = append(cur, rest[i:j]...), used+gw
			i = j
		case len(cur) > 0:
			flush()
		default: // a group wider than a run: as many of its columns as fit
			for ; i < j && (len(cur) == 0 || used+widths[rest[i]]+2 <= termWidth+2); i++ {
				cur, used = append(cur, rest[i]), used+widths[rest[i]]+2
			}
			flush()
		}
	}
	flush()
	if len(out) == 0 {
		out = append(out, block{cols: keys})
	}
	return out
}

// columnWidths measures each people column of t over its label and its cells, as
// the terminal shows them.
func columnWidths(t *table) map[int]int {
	ws := map[int]int{}
	for _, i := range t.peopleCols() {
		ws[i] = width(controls(t.cols[i].label))
		for _, row := range t.rows {
			ws[i] = max(ws[i], width(controls(row[i].show)))
		}
	}
	return ws
}

// pad aligns s in w columns, to the right for numbers.
func pad(s string, w int, right bool) string {
	fill := strings.Repeat(" ", max(0, w-width(s)))
	if right {
		return fill + s
	}
	return s + fill
}

// hanging writes text after indent, wrapped to the terminal's width, its later lines
// indented two more columns.
func hanging(b *strings.Builder, indent, text string) {
	for i, l := range wrap(text, termWidth-width(indent)-2) {
		if i > 0 {
			l = "  " + l
		}
		b.WriteString(indent + l + "\n")
	}
}

// wrap breaks text into lines of at most n columns, at spaces.
func wrap(text string, n int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && width(line)+1+width(word) > n {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// tilesTable lays the tiles out as a table for the terminal and markdown.
func tilesTable(d *document) *table {
	t := &table{title: d.tileFor + " at a glance", keys: 1, people: true,
		cols: []column{{label: "figure", group: "key"}, {label: "value", group: "a", num: true}, {label: "change", group: "a", num: true}, {label: "", group: "b"}}}
	t.cols[3].label = "what"
	for _, tl := range d.tiles {
		t.rows = append(t.rows, []cell{text(tl.label), tl.value, tl.change, text(tl.sub)})
	}
	return t
}

// writeTable writes d for a terminal: the header, the notes, the tiles, and each
// table in blocks that fit 80 columns.
func writeTable(w io.Writer, d *document, only string) error {
	var b strings.Builder
	b.WriteString(d.title + "\n")
	for _, f := range d.facts {
		hanging(&b, "", controls(f.Label+": "+f.Text))
	}
	for _, n := range d.notes {
		hanging(&b, "", controls("Note: "+n.summary))
		var list strings.Builder
		listNote(&list, n, "", controls)
		for _, l := range strings.Split(strings.TrimSuffix(list.String(), "\n"), "\n") {
			if l != "" {
				hanging(&b, "  ", l)
			}
		}
	}
	tables := d.peopleTables(only, false)
	if len(d.tiles) > 0 && only == "" {
		tables = append([]*table{tilesTable(d)}, tables...)
	}
	for _, t := range tables {
		ws := columnWidths(t)
		bl := blocks(t, ws)
		for k, blk := range bl {
			title := t.title
			if len(bl) > 1 {
				title += fmt.Sprintf(" (%d of %d)", k+1, len(bl))
			}
			b.WriteString("\n" + title + "\n")
			if k == 0 && t.note != "" {
				for _, l := range wrap(t.note, termWidth) {
					b.WriteString(l + "\n")
				}
			}
			line := func(get func(i int) string) {
				parts := make([]string, len(blk.cols))
				for n, i := range blk.cols {
					parts[n] = pad(get(i), ws[i], t.cols[i].num)
				}
				b.WriteString(strings.TrimRight(strings.Join(parts, "  "), " ") + "\n")
			}
			line(func(i int) string { return controls(t.cols[i].label) })
			for _, row := range t.rows {
				line(func(i int) string { return controls(row[i].show) })
			}
		}
		if t.more != "" {
			b.WriteString(t.more + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// listNote writes the first rows of a note, each after indent, through esc.
func listNote(b *strings.Builder, n note, indent string, esc func(string) string) {
	for i, l := range n.lines {
		if i == peopleList {
			rest := n.count - peopleList
			fmt.Fprintf(b, "%s… and %s more (-format json or -table notes lists up to %s)\n", indent, group(strconv.Itoa(rest)), group(strconv.Itoa(listCap)))
			break
		}
		b.WriteString(indent + esc(l) + "\n")
	}
}

// mdEscaper keeps text from being read as Markdown or HTML: the characters of
// markup, tables and code spans are escaped, < > & as entities and the others with a
// backslash, and a line break becomes a space.
var mdEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;",
	`\`, `\\`, "|", `\|`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "#", `\#`, "~", `\~`,
	"\r\n", " ", "\n", " ", "\r", " ",
)

func mdEscape(s string) string { return mdEscaper.Replace(s) }

// writeMarkdown writes d as GitHub-flavoured Markdown: the header as a list, the
// notes as a quote, and each table whole.
func writeMarkdown(w io.Writer, d *document, only string) error {
	var b strings.Builder
	b.WriteString("# " + mdEscape(d.title) + "\n\n")
	for _, f := range d.facts {
		b.WriteString("- **" + mdEscape(f.Label) + ":** " + mdEscape(f.Text) + "\n")
	}
	for _, n := range d.notes {
		b.WriteString("\n> **Note:** " + mdEscape(n.summary) + "\n")
		if len(n.lines) > 0 {
			b.WriteString(">\n")
			listNote(&b, n, "> - ", mdEscape)
		}
	}
	tables := d.peopleTables(only, false)
	if len(d.tiles) > 0 && only == "" {
		tables = append([]*table{tilesTable(d)}, tables...)
	}
	for _, t := range tables {
		b.WriteString("\n## " + mdEscape(t.title) + "\n\n")
		if t.note != "" {
			b.WriteString(mdEscape(t.note) + "\n\n")
		}
		idx := t.peopleCols()
		row := func(get func(i int) string) {
			b.WriteString("|")
			for _, i := range idx {
				b.WriteString(" " + mdEscape(get(i)) + " |")
			}
			b.WriteString("\n")
		}
		row(func(i int) string { return t.cols[i].label })
		b.WriteString("|")
		for _, i := range idx {
			if t.cols[i].num {
				b.WriteString(" ---: |")
			} else {
				b.WriteString(" --- |")
			}
		}
		b.WriteString("\n")
		for _, r := range t.rows {
			row(func(i int) string { return r[i].show })
		}
		if t.more != "" {
			b.WriteString("\n" + mdEscape(t.more) + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
