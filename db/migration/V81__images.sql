-- Images: posters and stills, uploaded by editors, resized once into a few widths and served
-- from here at content-hashed names (/images/{name}), so every instance serves them.
-- system.ImageStore is the one door to this table: an object store can take its place.
create table image_file (
    name         varchar(64)  primary key check (name ~ '^[0-9a-f]{24}-[0-9]{1,4}\.jpg$'),
    content_type varchar(40)  not null,
    bytes        bytea        not null,
    created_at   timestamptz  not null default now()
);

-- A film's poster replaces the hot-linked poster address: the image's key (its renditions are
-- {key}-{width}.jpg), the largest rendition's size, and the text that describes it.
alter table film drop constraint film_poster_url_http;
alter table film drop column poster_url;
alter table film add column poster_key    varchar(24) check (poster_key ~ '^[0-9a-f]{24}$');
alter table film add column poster_width  integer;
alter table film add column poster_height integer;
alter table film add column poster_alt    varchar(300);
alter table film add constraint film_poster_whole
    check ((poster_key is null) = (poster_width is null) and (poster_key is null) = (poster_height is null)
           and (poster_key is null or (poster_width > 0 and poster_height > 0 and btrim(poster_alt) <> '')));

-- A review's optional wide still, for its header and its share card.
alter table article add column still_key    varchar(24) check (still_key ~ '^[0-9a-f]{24}$');
alter table article add column still_width  integer;
alter table article add column still_height integer;
alter table article add column still_alt    varchar(300);
alter table article add constraint article_still_whole
    check ((still_key is null) = (still_width is null) and (still_key is null) = (still_height is null)
           and (still_key is null or (still_width > 0 and still_height > 0 and btrim(still_alt) <> '')));
