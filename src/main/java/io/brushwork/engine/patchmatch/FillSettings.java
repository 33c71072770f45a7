package io.brushwork.engine.patchmatch;

/**
 * How hard the fill works.
 *
 * <p>Patches are 9x9 at the coarser levels, where the structure is decided, and the textbook 7x7 at full
 * resolution, where only detail is left to settle. With 7x7 everywhere, a brick-like test texture locked into a
 * misaligned brick (PSNR ~24 dB in the hole) for 5 of 12 seeds; with 9x9 at the coarse levels it was rebuilt
 * exactly for 12 of 12, and 7x7 at full resolution changed neither that nor the look, at 15% less time. Rounds at
 * the coarse levels are cheap and decide the structure, so even the fast preset does several; it saves its time
 * at full resolution.
 *
 * @param patchRadius        patches are {@code (2r+1)^2} pixels at the coarser levels
 * @param finestPatchRadius  the same at full resolution
 * @param emIterations       search-and-vote rounds per coarser pyramid level
 * @param finestEmIterations search-and-vote rounds at full resolution, the most expensive level
 * @param searchIterations   PatchMatch passes (propagation and random search) per round
 */
record FillSettings(int patchRadius, int finestPatchRadius, int emIterations, int finestEmIterations,
                    int searchIterations) {

    static final FillSettings FAST = new FillSettings(4, 3, 6, 1, 2);
    static final FillSettings QUALITY = new FillSettings(4, 3, 8, 3, 2);
    /**
     * For a border that extends the photo (see {@link HoleRegions}), whatever the preset: it is mostly invented, so
     * the coarse levels that lay it out are enough and full resolution only votes the field they found, which
     * copies whole full-resolution patches. On the two reframes measured (astronaut, rocket to 1536x640) it took a
     * third to a half less CPU time than the quality preset's rounds in the same band, and looked the same; larger
     * coarse patches (13x13) or smaller (7x7) did not stop the rocket's towers leaving lattice streaks.
     */
    static final FillSettings OUTPAINT = new FillSettings(4, 3, 4, 0, 2);
}
