package main

import (
	"context"
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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

// probeScript measures every SVG of the page once it has laid out, and writes the
// sizes into the DOM, which --dump-dom prints.
const probeScript = `<script>
const charts = [...document.querySelectorAll("svg")].map(s => {
  const r = s.getBoundingClientRect();
  return {id: s.id, width: r.width, height: r.height, shapes: s.querySelectorAll("path, rect, circle").length};
});
document.body.insertAdjacentHTML("beforeend", "<pre id=probe>" + JSON.stringify(charts) + "</pre>");
</script>`

type chartSize struct {
	ID            string
	Width, Height float64
	Shapes        int
}

// probe opens page with the probe appended, returning the sizes of its SVG charts and
// the console messages Chromium logged.
func probe(t *testing.T, bin, dir, page string) ([]chartSize, []string) {
	t.Helper()
	raw, err := os.ReadFile(page)
	require.NoError(t, err)
	probed := filepath.Join(dir, "probed.html")
	require.NoError(t, os.WriteFile(probed, []byte(strings.Replace(string(raw), "</body>", probeScript+"</body>", 1)), 0o644))
	dom, log := headless(t, bin, dir, "--virtual-time-budget=5000", "--dump-dom", "file://"+probed)
	m := regexp.MustCompile(`<pre id="probe">(.*?)</pre>`).FindStringSubmatch(dom)
	require.NotNil(t, m, "the probe ran and wrote its result")
	var sizes []chartSize
	require.NoError(t, json.Unmarshal([]byte(m[1]), &sizes))
	return sizes, regexp.MustCompile(`(?m)^.*:CONSOLE.*$`).FindAllString(log, -1)
}

func TestHTMLInChromium(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir() // the screenshot stays here, out of the repository
	page := filepath.Join(dir, "report.html")
	_, errOut, code := runCmd(t, "", "-format", "html", "-o", page)
	require.Equal(t, exitOK, code, errOut)

	raw, err := os.ReadFile(page)
	require.NoError(t, err)
	for _, external := range []string{"<script", "<link", "<img", "<iframe", " src=", "url(", "@import", "http://", "https://"} {
		require.NotContains(t, string(raw), external, "the page is self-contained")
	}

	// The page renders: a screenshot that is not blank.
	shot := filepath.Join(dir, "report.png")
	headless(t, bin, dir, "--hide-scrollbars", "--window-size=1280,4000", "--screenshot="+shot, "file://"+page)
	f, err := os.Open(shot)
	require.NoError(t, err)
	img, err := png.Decode(f)
	f.Close()
	require.NoError(t, err)
	b := img.Bounds()
	colours, inked := map[[3]uint32]bool{}, 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
			if r>>8 < 0xf0 || g>>8 < 0xf0 || bl>>8 < 0xf0 {
				inked++
			}
		}
	}
	total := (b.Dx() / 2) * (b.Dy() / 2)
	require.Greater(t, len(colours), 50, "a rendered report has text, lines and shades, not one colour")
	require.Greater(t, float64(inked)/float64(total), 0.05, "more than 5 %% of the screenshot is drawn on")

	// Every chart's SVG has a rendered size and something drawn in it, and the page
	// logs nothing to the console.
	sizes, console := probe(t, bin, dir, page)
	want := []string{"chart-mrr", "chart-movements", "chart-retention", "chart-churn", "chart-cohort-logo", "chart-cohort-revenue"}
	var ids []string
	for _, s := range sizes {
		ids = append(ids, s.ID)
		require.Greater(t, s.Width, 300.0, "%s width", s.ID)
		require.Greater(t, s.Height, 100.0, "%s height", s.ID)
		require.Greater(t, s.Shapes, 20, "%s has its lines, bars or cells", s.ID)
	}
	require.Equal(t, want, ids)
	require.Empty(t, console, "the page logs no console message")
}

// The console check above can fail: a page that logs an error is caught by it.
func TestChromiumConsoleCheckCatchesErrors(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "bad.html")
	require.NoError(t, os.WriteFile(page, []byte(`<!DOCTYPE html><html><body><svg width="400" height="200"><rect width="10" height="10"/></svg>
<script>console.error("planted error")</script></body></html>`), 0o644))
	sizes, console := probe(t, bin, dir, page)
	require.Len(t, sizes, 1)
	require.Len(t, console, 1)
	require.Contains(t, console[0], "planted error")
}
