/*
 * What llvmpipe charges for the shapes neuroglow draws: one SDL_RenderGeometry call of `count`
 * shapes per frame in a 1280x720 OpenGL window, 300 frames timed after 20, wall and CPU time.
 * Not part of the build; the README's performance notes quote it.
 *
 *   cc -O2 tools/llvmpipe-shapes.c -o /tmp/shapes $(sdl2-config --cflags --libs) -lm
 *   DISPLAY=:N /tmp/shapes square 600 15      # squares of half-side 15 (2 triangles each)
 *   DISPLAY=:N /tmp/shapes polygon 600 15 16  # 16-gons around circles of radius 15 (16 triangles)
 *   DISPLAY=:N /tmp/shapes line 500 3         # lines 3 px wide, 300-500 px long (2 triangles)
 */
#include <SDL2/SDL.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

enum { frames = 300, warmUp = 20, maxVertices = 200000 };
static SDL_Vertex vertices[maxVertices];
static int indices[2 * maxVertices];
static int vertexCount, indexCount;

static int ascending(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double cpuMilliseconds(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

static void vertex(double x, double y, double u, double v) {
    SDL_Color tint = {255, 128, 64, 255};
    vertices[vertexCount++] = (SDL_Vertex){{x, y}, tint, {u, v}};
}

static void triangle(int a, int b, int c) {
    indices[indexCount++] = a;
    indices[indexCount++] = b;
    indices[indexCount++] = c;
}

/* Returns the shape's area in pixels. */
static double shape(const char *kind, int k, double size, int sides) {
    double cx = fmod(k * 137.0, 1280 - 2 * size) + size, cy = fmod(k * 71.0, 720 - 2 * size) + size;
    int base = vertexCount;
    if (!strcmp(kind, "square")) {
        vertex(cx - size, cy - size, 0, 0), vertex(cx + size, cy - size, 1, 0);
        vertex(cx + size, cy + size, 1, 1), vertex(cx - size, cy + size, 0, 1);
        triangle(base, base + 1, base + 2), triangle(base, base + 2, base + 3);
        return 4 * size * size;
    }
    if (!strcmp(kind, "polygon")) { /* a fan around the centre, corners inside the texture */
        double reach = size / cos(M_PI / sides);
        vertex(cx, cy, 0.5, 0.5);
        for (int s = 0; s < sides; s++) {
            double a = 2 * M_PI * (s + 0.5) / sides;
            vertex(cx + reach * cos(a), cy + reach * sin(a), 0.5 + 0.5 * cos(a), 0.5 + 0.5 * sin(a));
            triangle(base, base + 1 + s, base + 1 + (s + 1) % sides);
        }
        return sides * size * size * tan(M_PI / sides);
    }
    /* line: from a point on the left to one 400 px right and 90 or 300 px down */
    double x0 = fmod(k * 37.0, 800) + 20, y0 = fmod(k * 53.0, 300) + 20;
    double x1 = x0 + 400, y1 = y0 + (k % 2 ? 300 : 90), length = hypot(x1 - x0, y1 - y0);
    double nx = -(y1 - y0) / length * size / 2, ny = (x1 - x0) / length * size / 2;
    vertex(x0 + nx, y0 + ny, 0, 0), vertex(x1 + nx, y1 + ny, 1, 0);
    vertex(x1 - nx, y1 - ny, 1, 1), vertex(x0 - nx, y0 - ny, 0, 1);
    triangle(base, base + 1, base + 2), triangle(base, base + 2, base + 3);
    return length * size;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s square|polygon|line COUNT SIZE [SIDES]\n", argv[0]);
        return 2;
    }
    const char *kind = argv[1];
    int count = atoi(argv[2]), sides = argc > 4 ? atoi(argv[4]) : 16;
    double size = atof(argv[3]), area = 0;
    SDL_Init(SDL_INIT_VIDEO);
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    SDL_Window *window = SDL_CreateWindow("shapes", 0, 0, 1280, 720, SDL_WINDOW_OPENGL);
    SDL_Renderer *renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED);
    SDL_Texture *texture =
        SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, 64, 64);
    Uint32 pixels[64 * 64]; /* a radial sprite, as neuroglow's glows and discs */
    for (int y = 0; y < 64; y++)
        for (int x = 0; x < 64; x++) {
            double d = hypot(x - 31.5, y - 31.5) / 32;
            pixels[y * 64 + x] = ((Uint32)(d >= 1 ? 0 : 255 * (1 - d)) << 24) | 0xffffff;
        }
    SDL_UpdateTexture(texture, NULL, pixels, 64 * 4);
    SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    for (int k = 0; k < count && vertexCount + sides + 1 < maxVertices; k++) area += shape(kind, k, size, sides);
    double wall[frames], cpu[frames];
    for (int f = 0; f < frames + warmUp; f++) {
        Uint64 start = SDL_GetPerformanceCounter();
        double cpuStart = cpuMilliseconds();
        SDL_SetRenderDrawColor(renderer, 10, 10, 20, 255);
        SDL_RenderClear(renderer);
        SDL_RenderGeometry(renderer, texture, vertices, vertexCount, indices, indexCount);
        SDL_RenderPresent(renderer);
        if (f >= warmUp) {
            wall[f - warmUp] = (SDL_GetPerformanceCounter() - start) * 1e3 / SDL_GetPerformanceFrequency();
            cpu[f - warmUp] = cpuMilliseconds() - cpuStart;
        }
    }
    qsort(wall, frames, sizeof(double), ascending);
    qsort(cpu, frames, sizeof(double), ascending);
    printf("%s x%d size %.1f: %.3f Mpx, %d triangles; ms wall median %.2f p99 %.2f, cpu median %.2f\n", kind,
           count, size, area / 1e6, indexCount / 3, wall[frames / 2], wall[frames * 99 / 100], cpu[frames / 2]);
    return 0;
}
