// This project's own MLA 9 CSL style as a string, so it survives bundling and needs no file
// access at run time. Keep it identical to mla9.csl beside it (test/citations checks that).
export const MLA9_CSL = `<?xml version="1.0" encoding="utf-8"?>
<!--
  MLA Handbook, 9th edition: this project's own CSL 1.0.2 style (border-control-deck).
  Written from the MLA Handbook (9th ed.) and the CSL 1.0.2 specification; it is not derived
  from the CSL project's modern-language-association.csl.
  Covers webpage, article-journal, report and treaty, with fallbacks for book and chapter;
  any other type follows the generic rule (quoted title when it has a container, italic when not).
  Core elements in order: Author. Title. Container, other contributors, version, number,
  publisher, date, location. (A standalone work has no container, so elements 4-9 follow the title.)
  Scheme-less URLs ("www.…" instead of "https://www.…") are done by src/citations/cite.ts,
  because CSL cannot edit strings; DOIs keep https://doi.org/.
-->
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" demote-non-dropping-particle="never" page-range-format="minimal-two" default-locale="en-US">
  <info>
    <title>MLA Handbook 9th edition (border-control-deck)</title>
    <title-short>MLA 9</title-short>
    <id>urn:border-control-deck:style:mla9</id>
    <author>
      <name>border-control-deck contributors</name>
    </author>
    <category citation-format="author"/>
    <category field="humanities"/>
    <summary>Author-page in-text citations and a Works Cited list following the MLA Handbook, 9th edition.</summary>
    <updated>2026-01-01T00:00:00+00:00</updated>
  </info>
  <locale xml:lang="en">
    <terms>
      <!-- MLA abbreviates every month except May, June and July. -->
      <term name="month-01" form="short">Jan.</term>
      <term name="month-02" form="short">Feb.</term>
      <term name="month-03" form="short">Mar.</term>
      <term name="month-04" form="short">Apr.</term>
      <term name="month-05" form="short">May</term>
      <term name="month-06" form="short">June</term>
      <term name="month-07" form="short">July</term>
      <term name="month-08" form="short">Aug.</term>
      <term name="month-09" form="short">Sept.</term>
      <term name="month-10" form="short">Oct.</term>
      <term name="month-11" form="short">Nov.</term>
      <term name="month-12" form="short">Dec.</term>
      <!-- MLA's locator abbreviations. -->
      <term name="paragraph" form="short">
        <single>par.</single>
        <multiple>pars.</multiple>
      </term>
      <term name="chapter" form="short">
        <single>ch.</single>
        <multiple>chs.</multiple>
      </term>
      <term name="line" form="short">
        <single>line</single>
        <multiple>lines</multiple>
      </term>
    </terms>
  </locale>

  <!-- Title as the style sets it: roman for legal documents, italic for works that stand alone,
       quoted for parts of a larger whole (article, web page, chapter). -->
  <macro name="title">
    <choose>
      <if type="bill legal_case legislation regulation treaty" match="any">
        <text variable="title"/>
      </if>
      <else-if type="book report thesis motion_picture graphic map manuscript pamphlet software dataset musical_score standard" match="any">
        <text variable="title" font-style="italic"/>
      </else-if>
      <else-if variable="container-title">
        <text variable="title" quotes="true"/>
      </else-if>
      <else>
        <text variable="title" font-style="italic"/>
      </else>
    </choose>
  </macro>
  <macro name="title-short">
    <choose>
      <if type="bill legal_case legislation regulation treaty" match="any">
        <text variable="title" form="short"/>
      </if>
      <else-if type="book report thesis motion_picture graphic map manuscript pamphlet software dataset musical_score standard" match="any">
        <text variable="title" form="short" font-style="italic"/>
      </else-if>
      <else-if variable="container-title">
        <text variable="title" form="short" quotes="true"/>
      </else-if>
      <else>
        <text variable="title" form="short" font-style="italic"/>
      </else>
    </choose>
  </macro>

  <!-- Element 1. With no author the entry starts with the title (MLA 9: never "Anonymous"). -->
  <macro name="author">
    <names variable="author">
      <name name-as-sort-order="first" and="text" delimiter=", " delimiter-precedes-last="always" delimiter-precedes-et-al="always" et-al-min="3" et-al-use-first="1"/>
      <substitute>
        <names variable="editor">
          <name name-as-sort-order="first" and="text" delimiter=", " delimiter-precedes-last="always" delimiter-precedes-et-al="always" et-al-min="3" et-al-use-first="1"/>
          <label form="long" prefix=", "/>
        </names>
        <names variable="translator">
          <name name-as-sort-order="first" and="text" delimiter=", " delimiter-precedes-last="always" delimiter-precedes-et-al="always" et-al-min="3" et-al-use-first="1"/>
          <label form="long" prefix=", "/>
        </names>
        <text macro="title"/>
      </substitute>
    </names>
  </macro>
  <macro name="author-short">
    <names variable="author">
      <name form="short" and="text" delimiter=", " initialize-with=". "/>
      <substitute>
        <names variable="editor"/>
        <names variable="translator"/>
        <text macro="title-short"/>
      </substitute>
    </names>
  </macro>

  <!-- Element 4, other contributors. Capitalised when it opens the sentence after the title. -->
  <macro name="contributors">
    <choose>
      <if variable="container-title">
        <group delimiter=", ">
          <names variable="editor">
            <label form="verb" suffix=" "/>
            <name and="text" delimiter=", " et-al-min="3" et-al-use-first="1"/>
          </names>
          <names variable="translator">
            <label form="verb" suffix=" "/>
            <name and="text" delimiter=", " et-al-min="3" et-al-use-first="1"/>
          </names>
        </group>
      </if>
      <else>
        <group delimiter=", ">
          <names variable="editor">
            <label form="verb" text-case="capitalize-first" suffix=" "/>
            <name and="text" delimiter=", " et-al-min="3" et-al-use-first="1"/>
          </names>
          <choose>
            <if variable="editor">
              <names variable="translator">
                <label form="verb" suffix=" "/>
                <name and="text" delimiter=", " et-al-min="3" et-al-use-first="1"/>
              </names>
            </if>
            <else>
              <names variable="translator">
                <label form="verb" text-case="capitalize-first" suffix=" "/>
                <name and="text" delimiter=", " et-al-min="3" et-al-use-first="1"/>
              </names>
            </else>
          </choose>
        </group>
      </else>
    </choose>
  </macro>

  <!-- Element 5, version. -->
  <macro name="version">
    <choose>
      <if is-numeric="edition">
        <group delimiter=" ">
          <number variable="edition" form="ordinal"/>
          <text term="edition" form="short"/>
        </group>
      </if>
      <else>
        <text variable="edition"/>
      </else>
    </choose>
  </macro>

  <!-- Element 6, number: volume and issue, or a document number (report, treaty, law). -->
  <macro name="number">
    <group delimiter=", ">
      <group delimiter=" ">
        <label variable="volume" form="short"/>
        <text variable="volume"/>
      </group>
      <group delimiter=" ">
        <label variable="issue" form="short"/>
        <text variable="issue"/>
      </group>
      <choose>
        <if type="report treaty bill legislation regulation standard patent" match="any">
          <group delimiter=" ">
            <text variable="genre"/>
            <text variable="number"/>
          </group>
        </if>
      </choose>
    </group>
  </macro>

  <!-- Element 7. MLA leaves the publisher out for periodicals. -->
  <macro name="publisher">
    <choose>
      <if type="article-journal article-magazine article-newspaper" match="none">
        <text variable="publisher"/>
      </if>
    </choose>
  </macro>

  <!-- Element 8, day month year: "10 Sept. 2020". -->
  <macro name="issued">
    <date variable="issued">
      <date-part name="day" suffix=" "/>
      <date-part name="month" form="short" suffix=" "/>
      <date-part name="year"/>
    </date>
  </macro>

  <!-- Element 9: pages for a part of a larger work, then the DOI (preferred) or the URL. -->
  <macro name="location">
    <group delimiter=", ">
      <choose>
        <if variable="container-title">
          <group delimiter=" ">
            <label variable="page" form="short"/>
            <text variable="page"/>
          </group>
        </if>
      </choose>
      <choose>
        <if variable="DOI">
          <text variable="DOI" prefix="https://doi.org/"/>
        </if>
        <else>
          <text variable="URL"/>
        </else>
      </choose>
    </group>
  </macro>

  <macro name="accessed">
    <group delimiter=" ">
      <text term="accessed" text-case="capitalize-first"/>
      <date variable="accessed">
        <date-part name="day" suffix=" "/>
        <date-part name="month" form="short" suffix=" "/>
        <date-part name="year"/>
      </date>
    </group>
  </macro>

  <!-- Elements 3 to 9, joined by commas. -->
  <macro name="details">
    <group delimiter=", ">
      <text variable="container-title" font-style="italic"/>
      <text macro="contributors"/>
      <text macro="version"/>
      <text macro="number"/>
      <text macro="publisher"/>
      <text macro="issued"/>
      <text macro="location"/>
    </group>
  </macro>

  <!-- In-text: author surnames (or short title), plus the short title when one author has
       several works in the list, as MLA asks: (Miller, "Managing Migration" 12). -->
  <macro name="cite-source">
    <group delimiter=", ">
      <text macro="author-short"/>
      <choose>
        <if disambiguate="true">
          <text macro="title-short"/>
        </if>
      </choose>
    </group>
  </macro>

  <citation et-al-min="3" et-al-use-first="1" disambiguate-add-givenname="true" givenname-disambiguation-rule="primary-name-with-initials">
    <layout prefix="(" suffix=")" delimiter="; ">
      <!-- A page number follows the author bare, other locators after a comma with their
           abbreviation ("Miller 12", "Miller, par. 4"). Delimiters rather than prefixes, so a
           suppressed author leaves "(12)", not "( 12)". -->
      <choose>
        <if locator="page">
          <group delimiter=" ">
            <text macro="cite-source"/>
            <text variable="locator"/>
          </group>
        </if>
        <else>
          <group delimiter=", ">
            <text macro="cite-source"/>
            <group delimiter=" ">
              <label variable="locator" form="short"/>
              <text variable="locator"/>
            </group>
          </group>
        </else>
      </choose>
    </layout>
  </citation>

  <bibliography hanging-indent="true" subsequent-author-substitute="---">
    <sort>
      <key macro="author"/>
      <key variable="title"/>
      <key variable="issued"/>
    </sort>
    <layout suffix=".">
      <group delimiter=". ">
        <text macro="author"/>
        <text macro="title"/>
        <text macro="details"/>
        <text macro="accessed"/>
      </group>
    </layout>
  </bibliography>
</style>
`;
