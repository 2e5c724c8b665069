namespace Kiln.Component.Tests.Wit;

/// <summary>Small WIT packages written for these tests, covering every construct of WIT.md once.</summary>
internal static class WitTestSources
{
    /// <summary>Every type, resource functions, uses with renames, gates, docs, worlds with include and inline interfaces.</summary>
    public const string Everything = """
        /// The package.
        package test:all@1.2.3;

        /// Types of every kind.
        interface types {
          /// A record.
          record point {
            /// Across.
            x: u32,
            y: s64,
          }

          variant shape {
            none,
            dot(point),
            many(list<point>),
          }

          enum color { red, green, blue }

          flags perms { read, write, exec }

          type bytes = list<u8>;
          type quad = list<u8, 4>;
          type pair = tuple<string, char>;
          type maybe = option<f32>;
          type r1 = result;
          type r2 = result<u8>;
          type r3 = result<_, string>;
          type r4 = result<f64, color>;
          type alias = point;
          type b = bool;
          type fut = future<u16>;
          type fut0 = future;
          type st = stream<s8>;
          type st0 = stream;
          type ec = error-context;
          type m = map<string, u64>;

          resource blob {
            constructor(init: bytes);
            /// Writes.
            write: func(data: list<u8>) -> result<u32, string>;
            merge: static func(a: borrow<blob>, b: blob) -> blob;
            wait: async func();
          }

          resource fallible {
            constructor() -> result<fallible, string>;
          }

          type owned = own<blob>;
          type borrowed = borrow<blob>;

          @since(version = 1.2.0)
          new-thing: func();

          @since(version = 1.0.0)
          @deprecated(version = 1.2.0)
          old-thing: func() -> s16;

          @unstable(feature = shiny)
          shiny-thing: func();

          area: func(p: point, s: shape) -> u64;
          fetch: async func(url: string) -> result<bytes, string>;
        }

        interface user {
          use types.{point, blob as handle, color};

          paint: func(p: point, c: color, h: borrow<handle>) -> handle;
        }

        world base {
          import types;
          export go: func() -> result;
        }

        /// The world.
        world all {
          include base with { go as start }
          import user;
          import logger: interface {
            log: func(msg: string);
          }
          use types.{point};
          type tag = u8;
          record entry { at: point, tag: tag }
          import now: func() -> entry;
          export types;
          export run: func(args: list<string>) -> result<_, u8>;
        }
        """;
}
