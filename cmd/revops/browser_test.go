package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// chromium returns the path of a headless-capable Chromium, skipping t when there is
// none, unless REVOPS_REQUIRE_CHROMIUM is set (as .ci/run sets it), when that fails.
func chromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("REVOPS_REQUIRE_CHROMIUM") != "" {
		t.Fatal("no chromium on PATH, and REVOPS_REQUIRE_CHROMIUM is set")
	}
	t.Skip("no chromium on PATH (Debian: apt-get install chromium; .ci/run installs it)")
	return ""
}

// outputDir is where a test leaves files for people to look at: the test's artifact
// folder where the Go release has one (go test -artifacts keeps it), else a
// temporary folder. Each file written there is logged.
func outputDir(t *testing.T) string {
	t.Helper()
	if a, ok := any(t).(interface{ ArtifactDir() string }); ok {
		return a.ArtifactDir()
	}
	return t.TempDir()
}

// headless runs Chromium on a local page with the flags this sandbox needs (root, no
// network), returning its standard output and its log.
func headless(t *testing.T, bin, dir string, args ...string) (stdout, log string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	flags := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + filepath.Join(dir, "profile"), "--enable-logging=stderr", "--v=0"}
	cmd := exec.CommandContext(ctx, bin, append(flags, args...)...)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	require.NoError(t, cmd.Run(), "chromium: %s", errOut.String())
	return out.String(), errOut.String()
}

// frameScript measures each page in its frame once it has laid out: the size of
// every chart, the smallest text drawn (an SVG text at its size on screen), the
// elements a payload would add, and whether one ran. It writes its findings into
// the outer page, which --dump-dom prints, and sizes each frame to its page.
const frameScript = `<script>
const frames = [...document.querySelectorAll("iframe")];
const measure = f => {
  const doc = f.contentDocument, win = f.contentWindow;
  const out = {width: win.innerWidth, scrollWidth: doc.documentElement.scrollWidth, height: doc.documentElement.scrollHeight,
    charts: [], small: [], texts: 0, foreign: doc.querySelectorAll("script, img, iframe, object, embed, link, foreignObject").length,
    pwned: doc.body.getAttribute("data-pwned") || ""};
  for (const c of doc.querySelectorAll("svg.chart, table.heat")) {
    const r = c.getBoundingClientRect();
    out.charts.push({id: c.id, width: r.width, height: r.height, shapes: c.querySelectorAll("path, rect, circle, td").length});
  }
  for (const el of doc.querySelectorAll("body *")) {
    if (el.closest("title") || !el.getClientRects().length) continue;
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim() !== "")) continue;
    let size = parseFloat(win.getComputedStyle(el).fontSize);
    const svg = el.closest("svg");
    if (svg) { const m = svg.getScreenCTM(); size *= Math.hypot(m.a, m.b); }
    out.texts++;
    if (size < 11) out.small.push(el.tagName + " " + size.toFixed(2) + "px: " + el.textContent.trim().slice(0, 40));
  }
  return out;
};
window.addEventListener("load", () => { // after every frame has loaded
  setTimeout(() => {
    const results = frames.map(measure);
    frames.forEach((f, i) => f.height = results[i].height);
    document.body.insertAdjacentHTML("beforeend", "<pre id=probe>" + JSON.stringify(results).replace(/</g, "\\u003c") + "</pre>");
  }, 100);
});
</script>`

// probeResult is what frameScript found in one frame.
type probeResult struct {
	Width, ScrollWidth, Texts int
	Height                    int
	Charts                    []struct {
		ID            string
		Width, Height float64
		Shapes        int
	}
	Small   []string
	Foreign int
	Pwned   string
}

// view is a page seen in a frame so many pixels wide.
type view struct {
	page  string
	width int
}

// framePage writes an outer page holding each view in a frame of its width
// (Chromium's headless window is at least 500 pixels wide; a frame is not), the
// frames one under the other.
func framePage(t *testing.T, dir string, views ...view) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><body style="margin:0">`)
	for _, v := range views {
		raw, err := os.ReadFile(v.page)
		require.NoError(t, err)
		b.WriteString(`<iframe width="` + itoa(v.width) + `" height="3000" style="border:0;display:block" srcdoc="` + html.EscapeString(string(raw)) + `"></iframe>`)
	}
	b.WriteString(frameScript + "</body></html>")
	frame := filepath.Join(dir, "frames.html")
	require.NoError(t, os.WriteFile(frame, []byte(b.String()), 0o644))
	return frame
}

// probe opens the views in one Chromium, returning what frameScript found in each
// and the console messages Chromium logged.
func probe(t *testing.T, bin, dir string, views ...view) ([]probeResult, []string) {
	t.Helper()
	widest := 0
	for _, v := range views {
		widest = max(widest, v.width)
	}
	dom, log := headless(t, bin, dir, "--window-size="+itoa(max(widest, 500)+20)+",3000", "--virtual-time-budget=10000", "--dump-dom", "file://"+framePage(t, dir, views...))
	m := regexp.MustCompile(`<pre id="probe">(.*?)</pre>`).FindStringSubmatch(dom)
	require.NotNil(t, m, "the probe ran and wrote its result")
	var r []probeResult
	require.NoError(t, json.Unmarshal([]byte(html.UnescapeString(m[1])), &r))
	require.Len(t, r, len(views))
	return r, regexp.MustCompile(`(?m)^.*:CONSOLE.*$`).FindAllString(log, -1)
}

// screenshot leaves a screenshot of a view, height pixels tall, in shotDir, and
// checks that it shows a rendered report.
func screenshot(t *testing.T, bin, dir, shotDir string, v view, height int) {
	t.Helper()
	shot := filepath.Join(shotDir, strings.TrimSuffix(filepath.Base(v.page), ".html")+"-"+itoa(v.width)+".png")
	size := "--window-size=" + itoa(max(v.width, 500)) + "," + itoa(min(max(height, 600), 16000))
	headless(t, bin, dir, "--hide-scrollbars", size, "--virtual-time-budget=5000", "--screenshot="+shot, "file://"+framePage(t, dir, v))
	checkScreenshot(t, shot)
	t.Logf("screenshot: %s", shot)
}

func itoa(n int) string { return strconv.Itoa(n) }

// checkScreenshot requires a screenshot that shows a rendered report: many
// colours, and ink on more than 5 % of it.
func checkScreenshot(t *testing.T, shot string) {
	t.Helper()
	f, err := os.Open(shot)
	require.NoError(t, err)
	img, err := png.Decode(f)
	f.Close()
	require.NoError(t, err)
	b := img.Bounds()
	colours, inked, total := map[[3]uint32]bool{}, 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
			if r>>8 < 0xf0 || g>>8 < 0xf0 || bl>>8 < 0xf0 {
				inked++
			}
			total++
		}
	}
	require.Greater(t, len(colours), 50, "a rendered report has text, lines and shades, not one colour")
	require.Greater(t, float64(inked)/float64(total), 0.05, "more than 5 %% of the screenshot is drawn on")
}

// The page in Chromium at a desktop's and a phone's width (issue 21): every chart
// drawn, no console message, no text under 11 px at 390 px, nothing wider than the
// screen, and screenshots of the demo at both widths left in the test's output
// folder (go test -run TestHTMLInChromium -artifacts -outputdir DIR keeps them).
func TestHTMLInChromium(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	var views []view
	charts := map[string][]string{}
	for _, c := range []struct {
		name string
		args []string
	}{
		{"demo", []string{"-by", "plan", "-spend", demoSpend, "-gross-margin", "0.8"}},
		{"playbook", []string{"report", playbook}},
		{"compare", []string{"compare"}},
	} {
		page := filepath.Join(dir, c.name+".html")
		_, errOut, code := runCmd(t, append(c.args, "-o", page)...)
		require.Equal(t, exitOK, code, errOut)
		raw, err := os.ReadFile(page)
		require.NoError(t, err)
		for _, external := range []string{"<script", "<link", "<img", "<iframe", " src=", "url(", "@import", "http://", "https://"} {
			require.NotContains(t, string(raw), external, "the page is self-contained")
		}
		for _, m := range regexp.MustCompile(`<(?:svg|table)[^>]* id="(chart-[a-z-]+)"`).FindAllStringSubmatch(string(raw), -1) {
			charts[page] = append(charts[page], m[1])
		}
		views = append(views, view{page, 1280}, view{page, 390})
	}
	require.Equal(t, []string{"chart-mrr", "chart-movements", "chart-customers", "chart-customer-movements", "chart-arpa", "chart-retention", "chart-churn",
		"chart-cohort-logo", "chart-cohort-revenue", "chart-segments", "chart-acquisition"}, charts[views[0].page], "the demo's page has every chart")
	results, console := probe(t, bin, dir, views...)
	require.Empty(t, console, "no console message")
	for i, r := range results {
		v := views[i]
		name := filepath.Base(v.page) + " at " + itoa(v.width)
		require.Equal(t, v.width, r.Width, "%s: the page is laid out that wide", name)
		require.LessOrEqual(t, r.ScrollWidth, v.width, "%s: nothing wider than the screen (tables scroll in their box)", name)
		require.Greater(t, r.Texts, 100, name)
		if v.width == 390 {
			require.Empty(t, r.Small, "%s: no text under 11 px", name)
		}
		var ids []string
		for _, ch := range r.Charts {
			ids = append(ids, ch.ID)
			require.Greater(t, ch.Width, 300.0, "%s: %s width", name, ch.ID)
			require.Greater(t, ch.Height, 100.0, "%s: %s height", name, ch.ID)
			require.Greater(t, ch.Shapes, 20, "%s: %s has its lines, bars or cells", name, ch.ID)
		}
		require.Equal(t, charts[v.page], ids, "%s: every chart is drawn", name)
	}
	shots := outputDir(t)
	screenshot(t, bin, dir, shots, views[0], results[0].Height)
	screenshot(t, bin, dir, shots, views[1], results[1].Height)
}

// The page of the hostile export in Chromium: no payload ran and none became an
// element (issue 18, item 2).
func TestHostilePageInChromium(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	file, by := hostileFile(t)
	var views []view
	for i, args := range [][]string{{"report", file, "-skip-invalid", "-by", by}, {"report", file, "-skip-invalid", "-by", by, "-table", "movements"},
		{"report", file, "-skip-invalid", "-table", "notes"}, {"compare", file, "-skip-invalid"}, {"report", hostileStripeFile(t), "-skip-invalid"},
		hostilePipelineArgs(t)} {
		page := filepath.Join(dir, "hostile"+itoa(i)+".html")
		_, errOut, code := runCmd(t, append(args, "-o", page)...)
		require.Equal(t, exitOK, code, errOut)
		views = append(views, view{page, 1280})
	}
	// The probe sees a payload that runs, and one that becomes an element.
	planted := filepath.Join(dir, "planted.html")
	require.NoError(t, os.WriteFile(planted, []byte(`<!DOCTYPE html><html><body><p>x</p>`+hostile[0]+`</body></html>`), 0o644))
	results, console := probe(t, bin, dir, append(views, view{planted, 600})...)
	require.Empty(t, console)
	for i, r := range results[:len(views)] {
		require.Empty(t, r.Pwned, "%s: a payload ran", views[i].page)
		require.Zero(t, r.Foreign, "%s: a payload became an element", views[i].page)
		require.Greater(t, r.Texts, 20, "the page shows")
	}
	require.Equal(t, "img", results[len(views)].Pwned)
	require.Equal(t, 1, results[len(views)].Foreign)
}

// The probe's checks can fail: a page that logs an error, or draws small text, is
// caught.
func TestChromiumProbeCatches(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "bad.html")
	require.NoError(t, os.WriteFile(page, []byte(`<!DOCTYPE html><html><body><svg class="chart" id="chart-x" width="400" height="200"><rect width="10" height="10"/></svg>
<p style="font-size: 9px">small print</p><script>console.error("planted error")</script></body></html>`), 0o644))
	r, console := probe(t, bin, dir, view{page, 390})
	require.Len(t, r[0].Charts, 1)
	require.Len(t, console, 1)
	require.Contains(t, console[0], "planted error")
	require.Len(t, r[0].Small, 1)
	require.Contains(t, r[0].Small[0], "small print")
}

// hostilePipelineArgs is the pipeline of the hostile exports, with every flag that
// carries their strings to the page.
func hostilePipelineArgs(t *testing.T) []string {
	opps, leads, by := hostilePipelineFiles(t)
	return []string{"pipeline", opps, "-skip-invalid", "-by", by, "-leads", leads, "-as-of", "2025-06-30"}
}

// yearOfDeals writes a year of a sales team's opportunities and leads, made by rule
// so every chart has a year of points: each month ten deals of two owners, of which
// by their number some are won, some lost and the latest open, and fifteen leads.
func yearOfDeals(t *testing.T) (opps, leads string) {
	t.Helper()
	var o, l strings.Builder
	o.WriteString("Opportunity ID,Opportunity Owner,Lead Source,Amount,Stage,Created Date,Close Date,Won,Closed\n")
	l.WriteString("Lead ID,Created Date,First Response,Qualified,Converted,Converted Date\n")
	for m := 1; m <= 12; m++ {
		for k := 0; k < 10; k++ {
			created := time.Date(2025, time.Month(m), 1+2*k, 0, 0, 0, 0, time.UTC)
			closeAt := created.AddDate(0, 0, 10+3*k+m)
			stage, won, closed := "Closed Lost", "false", "true"
			switch {
			case (k+m)%3 == 0:
				stage, won = "Closed Won", "true"
			case closeAt.After(time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)):
				stage, closed = "Negotiation/Review", "false"
			}
			fmt.Fprintf(&o, "O%02d%02d,%s,%s,%d,%s,%s,%s,%s,%s\n", m, k, []string{"Alice", "Bob"}[k%2], []string{"Web", "Referral", "Partner"}[k%3],
				1000*(1+(k*7+m)%9), stage, created.Format(time.DateOnly), closeAt.Format(time.DateOnly), won, closed)
		}
		for k := 0; k < 15; k++ {
			created := time.Date(2025, time.Month(m), 1+k, 9+k%8, 0, 0, 0, time.UTC)
			converted, date := "false", ""
			if k%4 == 0 {
				converted, date = "true", created.AddDate(0, 0, 12).Format(time.DateOnly)
			}
			fmt.Fprintf(&l, "L%02d%02d,%s,%s,%t,%s,%s\n", m, k, created.Format("2006-01-02T15:04"), created.Add(time.Duration(30+20*k)*time.Minute).Format("2006-01-02T15:04"),
				k%3 != 0, converted, date)
		}
	}
	return writeFile(t, "opps.csv", o.String()), writeFile(t, "leads.csv", l.String())
}

// The pipeline's page in Chromium at a desktop's and a phone's width: every chart
// drawn with its bars or points, no console message, no text under 11 px at 390 px,
// nothing wider than the screen; for a year of deals and for the README's example.
func TestPipelineInChromium(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	opps, leads := yearOfDeals(t)
	var views []view
	for name, args := range map[string][]string{
		"year":    {"pipeline", opps, "-leads", leads, "-quota", "30000", "-by", "owner", "-as-of", "2025-12-15", "-business-hours", berlin},
		"example": {"pipeline", oppsFile, "-as-of", "2025-03-31", "-quota", "20000", "-leads", leadsFile, "-business-hours", berlin, "-tz", "Europe/Berlin", "-by", "owner"},
	} {
		page := filepath.Join(dir, name+".html")
		_, errOut, code := runCmd(t, append(args, "-o", page)...)
		require.Equal(t, exitOK, code, errOut)
		views = append(views, view{page, 1280}, view{page, 390})
	}
	want := []string{"chart-funnel", "chart-created", "chart-win-rate", "chart-leads"}
	results, console := probe(t, bin, dir, views...)
	require.Empty(t, console, "no console message")
	for i, r := range results {
		v := views[i]
		name := filepath.Base(v.page) + " at " + itoa(v.width)
		require.Equal(t, v.width, r.Width, name)
		require.LessOrEqual(t, r.ScrollWidth, v.width, "%s: nothing wider than the screen", name)
		require.Greater(t, r.Texts, 100, name)
		if v.width == 390 {
			require.Empty(t, r.Small, "%s: no text under 11 px", name)
		}
		var ids []string
		for _, ch := range r.Charts {
			ids = append(ids, ch.ID)
			require.Greater(t, ch.Width, 300.0, "%s: %s width", name, ch.ID)
			require.Greater(t, ch.Height, 100.0, "%s: %s height", name, ch.ID)
			least := 3 // the example's three months
			switch {
			case ch.ID == "chart-funnel":
				least = 6 // a bar a stage: four of leads, three of deals
			case strings.HasPrefix(filepath.Base(v.page), "year"):
				least = 20
			}
			require.Greater(t, ch.Shapes, least, "%s: %s has its bars or points", name, ch.ID)
		}
		require.Equal(t, want, ids, "%s: every chart is drawn", name)
	}
	shots := outputDir(t)
	screenshot(t, bin, dir, shots, views[2], results[2].Height)
	screenshot(t, bin, dir, shots, views[3], results[3].Height)
}
