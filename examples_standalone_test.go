package revops_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestExamplesStandAlone checks that every Example reads on its own, as pkg.go.dev
// shows it: its body may use the revops package, the standard library and shopspring
// decimal, but no helper, variable or constant declared elsewhere in the test files,
// and it has an output comment.
func TestExamplesStandAlone(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*_test.go")
	require.NoError(t, err)
	topLevel := map[string]string{} // names declared at file scope of package revops_test
	var parsed []*ast.File
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		require.NoError(t, err)
		if f.Name.Name != "revops_test" {
			continue
		}
		parsed = append(parsed, f)
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					topLevel[d.Name.Name] = name
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.ValueSpec:
						for _, n := range s.Names {
							topLevel[n.Name] = name
						}
					case *ast.TypeSpec:
						topLevel[s.Name.Name] = name
					}
				}
			}
		}
	}
	var problems []string
	examples := 0
	for _, f := range parsed {
		comments := ast.NewCommentMap(fset, f, f.Comments)
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || !strings.HasPrefix(fn.Name.Name, "Example") {
				continue
			}
			examples++
			local := map[string]bool{}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					if n.Tok == token.DEFINE {
						for _, l := range n.Lhs {
							if id, ok := l.(*ast.Ident); ok {
								local[id.Name] = true
							}
						}
					}
				case *ast.ValueSpec:
					for _, id := range n.Names {
						local[id.Name] = true
					}
				case *ast.RangeStmt:
					for _, e := range []ast.Expr{n.Key, n.Value} {
						if id, ok := e.(*ast.Ident); ok {
							local[id.Name] = true
						}
					}
				case *ast.StructType: // fields of a literal type declared in the body
					for _, fl := range n.Fields.List {
						for _, id := range fl.Names {
							local[id.Name] = true
						}
					}
				case *ast.FuncLit:
					for _, fl := range n.Type.Params.List {
						for _, id := range fl.Names {
							local[id.Name] = true
						}
					}
				}
				return true
			})
			used := map[string]bool{}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					ast.Inspect(sel.X, func(m ast.Node) bool {
						if id, ok := m.(*ast.Ident); ok && topLevel[id.Name] != "" && !local[id.Name] {
							used[id.Name] = true
						}
						return true
					})
					return false // the selected name is a field or method, not a top-level name
				}
				if kv, ok := n.(*ast.KeyValueExpr); ok {
					if _, isIdent := kv.Key.(*ast.Ident); isIdent {
						ast.Inspect(kv.Value, func(m ast.Node) bool {
							if id, ok := m.(*ast.Ident); ok && topLevel[id.Name] != "" && !local[id.Name] {
								used[id.Name] = true
							}
							return true
						})
						return false // a struct literal's field key
					}
				}
				if id, ok := n.(*ast.Ident); ok && topLevel[id.Name] != "" && !local[id.Name] {
					used[id.Name] = true
				}
				return true
			})
			for name := range used {
				problems = append(problems, fset.Position(fn.Pos()).Filename+": "+fn.Name.Name+" uses "+name+" from "+topLevel[name])
			}
			hasOutput := false
			for _, cg := range comments.Filter(fn).Comments() {
				if strings.Contains(cg.Text(), "Output:") {
					hasOutput = true
				}
			}
			if !hasOutput {
				problems = append(problems, fn.Name.Name+" has no output comment")
			}
		}
	}
	sort.Strings(problems)
	require.Empty(t, problems, "examples must read on their own:\n%s", strings.Join(problems, "\n"))
	require.Greater(t, examples, 100)
}
